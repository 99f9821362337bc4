import fc from 'fast-check';
import { escapeHtml } from './escape-html';
import { jsonForScript } from './json-for-script';

describe('escapeHtml', () => {
  it('leaves no markup character behind, and decodes back to the input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))).toBe(text);
      }),
    );
    expect(escapeHtml('<b>"x" & \'y\'</b>')).toBe('&#60;b&#62;&#34;x&#34; &#38; &#39;y&#39;&#60;/b&#62;');
  });
});

describe('jsonForScript', () => {
  it('cannot close its script element and parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = jsonForScript(value);
        expect(json).not.toMatch(/<|\u2028|\u2029/);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    expect(jsonForScript({ note: '</script><!--\u2028' })).toBe('{"note":"\\u003c/script>\\u003c!--\\u2028"}');
  });
});
