// One chunk for the plugins src/page/lazy-plugins.ts loads after first paint, with what fits out the notes
// plugin's speaker window: it must be in place before the plugin can open one.
export { enhanceSpeakerWindows } from './speaker-stage.js';
export { default as Notes } from 'reveal.js/plugin/notes';
export { default as Search } from 'reveal.js/plugin/search';
export { default as Zoom } from 'reveal.js/plugin/zoom';
