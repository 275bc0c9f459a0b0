/** How the pen and the presenting mode talk on the document, without importing each other's code. */

/** an op of this window's own: the presenter relays it to the server */
export const PEN_OP_EVENT = 'kowakunai:pen-op';
/** an op from the presenting server (a follower's stream): drawn, not kept */
export const PEN_REMOTE_EVENT = 'kowakunai:pen-remote';
/** asks for every stroke as ops again: the presenting server (re)connected and may hold none */
export const PEN_RESEND_EVENT = 'kowakunai:pen-resend';
/** the remote's Pen button */
export const PEN_TOGGLE_EVENT = 'kowakunai:pen-toggle';
