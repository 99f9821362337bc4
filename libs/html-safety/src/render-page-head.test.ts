import { renderPageHead } from './render-page-head';

describe('renderPageHead', () => {
  it('opens a page with the escaped title, the style and a config block that cannot close its script', () => {
    const head = renderPageHead({
      title: '<b>run</b>',
      style: 'body { margin: 0; }',
      configId: 'edgefl-config',
      config: { token: '</script><script>alert(1)</script>' },
    });
    expect(head.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(head).toContain('<meta name="referrer" content="no-referrer">');
    expect(head).toContain('<title>&#60;b&#62;run&#60;/b&#62;</title>');
    expect(head).toContain('<style>body { margin: 0; }</style>');
    expect(head).not.toContain('</script><script>');
    const json = /<script type="application\/json" id="edgefl-config">(.*?)<\/script>/.exec(head)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual({ token: '</script><script>alert(1)</script>' });
    expect(head.endsWith('</head>\n<body>\n')).toBe(true);
  });

  it('refuses a config id that would need escaping', () => {
    expect(() => renderPageHead({ title: 't', style: '', configId: 'x" onload="y', config: {} })).toThrow(RangeError);
  });
});
