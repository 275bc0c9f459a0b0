// One chunk for the plugins src/page/lazy-plugins.ts loads after first paint.
export { default as Notes } from 'reveal.js/plugin/notes';
export { default as Search } from 'reveal.js/plugin/search';
export { default as Zoom } from 'reveal.js/plugin/zoom';
