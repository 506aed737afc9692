/** The virtual module the preview build generates from app.json (scripts/preview-build.mjs). */
declare module 'preview:pages' {
  export const appJson: {
    pages: string[];
    window?: { navigationBarTitleText?: string };
    tabBar?: { list: { pagePath: string; text: string }[] };
  };
  export const loadApp: () => unknown;
  /** A page or custom component: its class prefix, WXML, JSON (usingComponents as paths under miniprogram/) and module. */
  export interface Unit {
    prefix: string;
    wxml: string;
    json: { navigationBarTitleText?: string; usingComponents: Record<string, string> };
    load: () => unknown;
  }
  export const pages: Record<string, Unit>;
  export const components: Record<string, Unit>;
}

declare module 'j-component/src/tool/utils' {
  const utils: { isHtmlTag(tag: string): boolean };
  export default utils;
}

declare module 'miniprogram-exparser' {
  const exparser: {
    Event: {
      create(name: string, detail: unknown, options: Record<string, unknown>): unknown;
      dispatchEvent(target: unknown, event: unknown): void;
    };
  };
  export default exparser;
}

declare module 'j-component' {
  const jComponent: {
    register(definition: Record<string, unknown>): string;
    behavior(definition: Record<string, unknown>): unknown;
    create(id: string, properties?: Record<string, unknown>): unknown;
  };
  export default jComponent;
}
