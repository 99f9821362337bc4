/**
 * JSON that can be inlined in a `<script>` element: no `</script>` or `<!--` can close it early
 * (every `<` is escaped) and U+2028/U+2029 cannot end a line in older JavaScript parsers.
 *
 * @example
 * `<script>const data = ${jsonForScript({ note: '</script>' })};</script>`
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
