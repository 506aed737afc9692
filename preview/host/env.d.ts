/** The virtual module the preview build generates from app.json (scripts/preview-build.mjs). */
declare module 'preview:pages' {
  export const appJson: {
    pages: string[];
    window?: { navigationBarTitleText?: string };
    tabBar?: { list: { pagePath: string; text: string }[] };
  };
  export const loadApp: () => unknown;
  export const pages: Record<
    string,
    {
      prefix: string;
      wxml: string;
      json: { navigationBarTitleText?: string; usingComponents?: Record<string, string> };
      load: () => unknown;
    }
  >;
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
    create(id: string, properties?: Record<string, unknown>): unknown;
  };
  export default jComponent;
}
