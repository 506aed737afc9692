/**
 * WeChat's built-in components for j-component in a browser. Layout tags (`view`, `text`) are
 * slots; form tags own a real DOM control and answer with the events WeChat sends
 * (`input`/`blur`/`confirm` with `detail.value`, `change` from a picker).
 */
import jComponent from 'j-component';
import jUtils from 'j-component/src/tool/utils';
import * as ui from './ui';

interface Caller {
  $$: HTMLElement;
  data: Record<string, unknown>;
  triggerEvent(name: string, detail: unknown): void;
}

// `input`, `button` and `textarea` are HTML tags, which j-component would render as bare DOM
// (attributes and events lost); here they are components like every other built-in.
const htmlTag = jUtils.isHtmlTag;
jUtils.isHtmlTag = (tag: string) => !['input', 'button', 'textarea'].includes(tag) && htmlTag(tag);

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

export function registerBuiltins(nav: { navigateTo(url: string): void; redirectTo(url: string): void }) {
  slot('view');
  slot('text');
  slot('scroll-view');
  slot('button', {
    type: { type: String, value: 'default' },
    size: String,
    loading: Boolean,
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
  control('textarea');
  jComponent.register({
    id: 'image',
    tagName: 'wx-image',
    template: '<slot/>',
    properties: {
      src: {
        type: String,
        value: '',
        observer(this: Caller, src: string) {
          const img = this.$$?.querySelector('img');
          if (img) img.src = src;
        },
      },
      mode: String,
    },
    lifetimes: {
      attached(this: Caller) {
        const img = document.createElement('img');
        img.src = String(this.data.src ?? '');
        this.$$.appendChild(img);
      },
    },
  });
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
