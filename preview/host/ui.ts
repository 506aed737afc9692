/**
 * What WeChat draws over a page: toasts, the loading mask, modals, and the host's own sheets
 * (the scan picker, "what would be shared"). Drawn inside the phone frame, plain DOM.
 */
const phone = () => document.getElementById('phone-screen')!;

function overlay(className: string): HTMLElement {
  const el = document.createElement('div');
  el.className = className;
  phone().appendChild(el);
  return el;
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;

export function toast(title: string, icon: 'success' | 'error' | 'loading' | 'none' = 'success', duration = 1500) {
  hideToast();
  const el = overlay(`wx-toast wx-toast-${icon}`);
  el.textContent = (icon === 'success' ? '✓ ' : icon === 'error' ? '✕ ' : '') + title;
  toastTimer = setTimeout(hideToast, duration);
}

export function hideToast() {
  clearTimeout(toastTimer);
  document.querySelectorAll('.wx-toast').forEach((el) => el.remove());
}

export function loading(title: string) {
  hideLoading();
  overlay('wx-loading').textContent = title || '加载中';
}

export function hideLoading() {
  document.querySelectorAll('.wx-loading').forEach((el) => el.remove());
}

export interface ModalOptions {
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  confirmText?: string;
  editable?: boolean;
  placeholderText?: string;
}

export function modal(options: ModalOptions): Promise<{ confirm: boolean; cancel: boolean; content?: string }> {
  return new Promise((resolve) => {
    const mask = overlay('wx-mask');
    const box = document.createElement('div');
    box.className = 'wx-modal';
    const title = document.createElement('div');
    title.className = 'wx-modal-title';
    title.textContent = options.title ?? '';
    box.appendChild(title);
    let input: HTMLTextAreaElement | null = null;
    if (options.editable) {
      input = document.createElement('textarea');
      input.className = 'wx-modal-input';
      input.placeholder = options.placeholderText ?? '';
      input.value = options.content ?? '';
      box.appendChild(input);
    } else if (options.content) {
      const content = document.createElement('div');
      content.className = 'wx-modal-content';
      content.textContent = options.content;
      box.appendChild(content);
    }
    const buttons = document.createElement('div');
    buttons.className = 'wx-modal-buttons';
    const close = (confirm: boolean) => {
      mask.remove();
      resolve({ confirm, cancel: !confirm, ...(input ? { content: input.value } : {}) });
    };
    if (options.showCancel !== false)
      buttons.appendChild(button(options.cancelText ?? '取消', 'wx-modal-cancel', () => close(false)));
    buttons.appendChild(button(options.confirmText ?? '确定', 'wx-modal-confirm', () => close(true)));
    box.appendChild(buttons);
    mask.appendChild(box);
    input?.focus();
  });
}

function button(text: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

/** A bottom sheet with a title, a list of choices and a cancel button; resolves the choice or null. */
export function sheet<T>(
  title: string,
  choices: { label: string; hint?: string; value: T }[],
  extra?: (close: (value: T | null) => void) => HTMLElement,
): Promise<T | null> {
  return new Promise((resolve) => {
    const mask = overlay('wx-mask wx-sheet-mask');
    const box = document.createElement('div');
    box.className = 'wx-sheet';
    const close = (value: T | null) => {
      mask.remove();
      resolve(value);
    };
    const head = document.createElement('div');
    head.className = 'wx-sheet-title';
    head.textContent = title;
    box.appendChild(head);
    for (const choice of choices) {
      const item = button(choice.label, 'wx-sheet-item', () => close(choice.value));
      if (choice.hint) {
        const hint = document.createElement('small');
        hint.textContent = choice.hint;
        item.appendChild(hint);
      }
      box.appendChild(item);
    }
    if (extra) box.appendChild(extra(close));
    box.appendChild(button('取消', 'wx-sheet-cancel', () => close(null)));
    mask.appendChild(box);
  });
}
