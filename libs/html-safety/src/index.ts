export { escapeHtml } from './escape-html';
export { jsonForScript } from './json-for-script';
