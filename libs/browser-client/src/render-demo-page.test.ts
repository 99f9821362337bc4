import { renderDemoPage } from './render-demo-page';

describe('renderDemoPage', () => {
  it('renders the status fields, the config and the two same-origin scripts', () => {
    const html = renderDemoPage({ config: { wasmPaths: '/demo/', examples: 64 } });
    for (const id of [
      'status',
      'backend',
      'client-id',
      'round',
      'rounds-participated',
      'model-version',
      'loss',
      'progress',
      'errors',
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain(
      '<script type="application/json" id="edgefl-demo-config">{"wasmPaths":"/demo/","examples":64}</script>',
    );
    expect(html.match(/<script src="[^"]+"><\/script>/g)).toEqual([
      '<script src="/demo/edgefl.js"></script>',
      '<script src="/demo/app.js"></script>',
    ]);
  });

  it('escapes the title and keeps the config from closing its script element', () => {
    const html = renderDemoPage({
      title: '<b>"x"</b>',
      config: { wasmPaths: '</script><script>alert(1)//', examples: 1 },
    });
    expect(html).toContain('<title>&#60;b&#62;&#34;x&#34;&#60;/b&#62;</title>');
    expect(html).not.toContain('</script><script>alert');
    expect(html).toContain('\\u003c/script>');
  });

  it('checks its arguments', () => {
    expect(() => renderDemoPage(undefined as unknown as { config: never })).toThrow('options must be an object');
    expect(() => renderDemoPage({ config: { wasmPaths: '/demo/', examples: 1.5 } })).toThrow('options.config');
    expect(() =>
      renderDemoPage({ config: { wasmPaths: '/demo/', examples: 1 }, title: 1 as unknown as string }),
    ).toThrow('options.title');
  });
});
