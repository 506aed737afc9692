/**
 * WeChat's built-in components for j-component in a browser. Layout tags (`view`, `text`) are
 * slots; form tags own a real DOM control and answer with the events WeChat sends
 * (`input`/`blur`/`confirm` with `detail.value`, `change` from a picker).
 */
import jComponent from 'j-component';
import jUtils from 'j-component/src/tool/utils';
import { registerImage } from './image';
import * as ui from './ui';

interface Caller {
  $$: HTMLElement;
  data: Record<string, unknown>;
  triggerEvent(name: string, detail: unknown): void;
}

// `input`, `button` and `textarea` are HTML tags, which j-component would render as bare DOM
// (attributes and events lost); here they are components like every other built-in.
const htmlTag = jUtils.isHtmlTag;
jUtils.isHtmlTag = (tag: string) => !['input', 'button', 'textarea', 'label'].includes(tag) && htmlTag(tag);

const slot = (name: string, properties: Record<string, unknown> = {}, attached?: (this: Caller) => void) =>
  jComponent.register({ id: name, tagName: `wx-${name}`, template: '<slot/>', properties, lifetimes: { attached } });

/** A form control: a real DOM element kept in step with the component's properties. */
function control(name: 'input' | 'textarea') {
  jComponent.register({
    id: name,
    tagName: `wx-${name}`,
    template: '<slot/>',
    properties: {
      value: { type: String, value: '', observer: 'sync' },
      placeholder: { type: String, value: '', observer: 'sync' },
      type: { type: String, value: 'text', observer: 'sync' },
      password: { type: Boolean, value: false, observer: 'sync' },
      maxlength: { type: Number, value: 140, observer: 'sync' },
      disabled: { type: Boolean, value: false, observer: 'sync' },
    },
    lifetimes: {
      attached(this: Caller & { sync(): void }) {
        const el = document.createElement(name);
        this.$$.appendChild(el);
        el.addEventListener('input', () => this.triggerEvent('input', { value: el.value, cursor: el.value.length }));
        el.addEventListener('blur', () => this.triggerEvent('blur', { value: el.value }));
        el.addEventListener('focus', () => this.triggerEvent('focus', { value: el.value }));
        el.addEventListener('keydown', (e) => {
          if ((e as KeyboardEvent).key === 'Enter' && name === 'input')
            this.triggerEvent('confirm', { value: el.value });
        });
        this.sync();
      },
    },
    methods: {
      sync(this: Caller) {
        const el = this.$$?.querySelector(name) as HTMLInputElement | null;
        if (!el) return;
        const d = this.data as Record<string, string | number | boolean>;
        if (el.value !== String(d.value ?? '')) el.value = String(d.value ?? '');
        el.placeholder = String(d.placeholder ?? '');
        if (el instanceof HTMLInputElement) el.type = d.password ? 'password' : 'text';
        if (el instanceof HTMLInputElement && (d.type === 'number' || d.type === 'digit'))
          el.inputMode = d.type === 'digit' ? 'decimal' : 'numeric';
        el.maxLength = Number(d.maxlength) > 0 ? Number(d.maxlength) : 524288;
        el.disabled = !!d.disabled;
      },
    },
  });
}

/** A checkbox or switch element: its own checked state (WeChat keeps one until the page sets `checked`). */
type Toggle = HTMLElement & { __checked?: boolean; __value?: string; __toggle?: () => void };
/** A click a checkbox or switch already answered, so the label around it does not toggle it back. */
const answered = new WeakSet<Event>();

const BOX =
  'display:inline-block;box-sizing:border-box;width:17px;height:17px;margin-right:6px;vertical-align:-3px;' +
  'border:1px solid #c8c8c8;border-radius:3px;background:#fff;color:#09bb07;font-size:14px;line-height:15px;' +
  'text-align:center;';
const TRACK =
  'display:inline-block;position:relative;width:44px;height:26px;border-radius:13px;vertical-align:middle;' +
  'transition:background .2s;';
const KNOB =
  'position:absolute;top:2px;width:22px;height:22px;border-radius:50%;background:#fff;' +
  'box-shadow:0 1px 3px rgba(0,0,0,.3);transition:left .2s;';

/** `checkbox` and `switch`: a tap toggles (unless disabled); `checkbox` tells its group, `switch` the page. */
function toggle(name: 'checkbox' | 'switch') {
  jComponent.register({
    id: name,
    tagName: `wx-${name}`,
    template: '<slot/>',
    properties: {
      value: { type: String, value: '', observer: 'paint' },
      checked: {
        type: Boolean,
        value: false,
        observer(this: Caller & { paint(): void }, checked: boolean) {
          if (this.$$) (this.$$ as Toggle).__checked = !!checked;
          this.paint();
        },
      },
      disabled: { type: Boolean, value: false, observer: 'paint' },
      type: String,
      color: String,
    },
    lifetimes: {
      attached(this: Caller & { paint(): void; flip(): void }) {
        const el = this.$$ as Toggle;
        el.__checked = !!this.data.checked;
        el.__toggle = () => this.flip();
        const mark = document.createElement('span');
        mark.className = `wx-${name}-input`;
        if (name === 'switch') mark.appendChild(document.createElement('span'));
        el.prepend(mark);
        el.addEventListener('click', (e) => {
          if (answered.has(e)) return;
          answered.add(e);
          this.flip();
        });
        this.paint();
      },
    },
    methods: {
      flip(this: Caller & { paint(): void }) {
        const el = this.$$ as Toggle;
        if (this.data.disabled) return;
        el.__checked = !el.__checked;
        this.paint();
        if (name === 'switch') this.triggerEvent('change', { value: el.__checked });
        else el.dispatchEvent(new Event('wx-checkbox-change', { bubbles: true }));
      },
      paint(this: Caller) {
        const el = this.$$ as Toggle | undefined;
        const mark = el?.querySelector(`.wx-${name}-input`) as HTMLElement | null;
        if (!el || !mark) return;
        el.__value = String(this.data.value ?? '');
        const on = !!el.__checked;
        const colour = String(this.data.color || (name === 'switch' ? '#04be02' : '#09bb07'));
        el.style.opacity = this.data.disabled ? '0.5' : '';
        if (name === 'checkbox') {
          mark.style.cssText = BOX;
          mark.textContent = on ? '✓' : '';
        } else {
          mark.style.cssText = `${TRACK}background:${on ? colour : '#dfdfdf'};`;
          (mark.firstChild as HTMLElement).style.cssText = `${KNOB}left:${on ? 20 : 2}px;`;
        }
      },
    },
  });
}

export function registerBuiltins(nav: { navigateTo(url: string): void; redirectTo(url: string): void }) {
  slot('view');
  slot('text');
  slot('scroll-view');
  // `disabled` and `loading` as attributes: host.css draws them, runtime.ts#bridgeTaps drops their taps.
  slot('button', {
    type: { type: String, value: 'default' },
    size: String,
    loading: {
      type: Boolean,
      value: false,
      observer(this: Caller, loading: boolean) {
        this.$$?.toggleAttribute('loading', !!loading);
        this.$$?.setAttribute('aria-busy', String(!!loading));
      },
    },
    openType: String,
    disabled: {
      type: Boolean,
      value: false,
      observer(this: Caller, disabled: boolean) {
        this.$$?.toggleAttribute('disabled', !!disabled);
      },
    },
  });
  control('input');
  toggle('checkbox');
  toggle('switch');
  // The group answers `change` with the values of its checked boxes, in their order on screen.
  jComponent.register({
    id: 'checkbox-group',
    tagName: 'wx-checkbox-group',
    template: '<slot/>',
    lifetimes: {
      attached(this: Caller) {
        this.$$.addEventListener('wx-checkbox-change', (e) => {
          e.stopPropagation();
          const boxes = [...this.$$.querySelectorAll('wx-checkbox')] as Toggle[];
          this.triggerEvent('change', { value: boxes.filter((b) => b.__checked).map((b) => b.__value ?? '') });
        });
      },
    },
  });
  // A tap on a label is a tap on the first checkbox or switch inside it.
  slot('label', { for: String }, function attached() {
    this.$$.addEventListener('click', (e) => {
      if (answered.has(e)) return;
      answered.add(e);
      (this.$$.querySelector('wx-checkbox, wx-switch') as Toggle | null)?.__toggle?.();
    });
  });
  control('textarea');
  registerImage();
  slot('navigator', { url: String, openType: String }, function attached() {
    (this.$$ as HTMLElement & { __activate?: () => void }).__activate = () => {
      const url = String(this.data.url ?? '');
      if (this.data.openType === 'redirect') nav.redirectTo(url);
      else nav.navigateTo(url);
    };
  });
  jComponent.register({
    id: 'picker',
    tagName: 'wx-picker',
    template: '<slot/>',
    properties: {
      mode: String,
      range: Array,
      rangeKey: String,
      value: null,
      start: String,
      end: String,
      disabled: Boolean,
    },
    lifetimes: {
      attached(this: Caller & { choose(): Promise<void> }) {
        (this.$$ as HTMLElement & { __activate?: () => void }).__activate = () => void this.choose();
      },
    },
    methods: {
      async choose(this: Caller) {
        const d = this.data as {
          mode?: string;
          range?: unknown[];
          rangeKey?: string;
          value?: unknown;
          disabled?: boolean;
        };
        if (d.disabled) return;
        const mode = d.mode || 'selector';
        if (mode === 'selector') {
          const labels = (d.range ?? []).map((r) =>
            d.rangeKey && r && typeof r === 'object' ? String((r as Record<string, unknown>)[d.rangeKey]) : String(r),
          );
          const index = await ui.sheet(
            '请选择',
            labels.map((label, i) => ({ label, value: i })),
          );
          if (index !== null) this.triggerEvent('change', { value: index });
          return;
        }
        // date / time: the browser's own control in a sheet
        const value = await ui.sheet<string>(mode === 'date' ? '选择日期' : '选择时间', [], (close) => {
          const form = document.createElement('form');
          form.className = 'wx-sheet-paste';
          const input = document.createElement('input');
          input.type = mode === 'date' ? 'date' : 'time';
          input.name = 'value';
          input.value = typeof d.value === 'string' ? d.value : '';
          const ok = document.createElement('button');
          ok.type = 'submit';
          ok.textContent = '确定';
          form.append(input, ok);
          form.addEventListener('submit', (e) => {
            e.preventDefault();
            close(input.value || null);
          });
          return form;
        });
        if (value) this.triggerEvent('change', { value });
      },
    },
  });
}
