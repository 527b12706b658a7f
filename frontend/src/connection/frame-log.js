// The texts and lengths of the 'frame' events, like the browser devtools' WebSocket view.

const utf8 = new TextEncoder();

export const BINARY_TEXT = 'Binary Frame (opcode 2)';

export const byteLength = text => utf8.encode(text).length;

export const closeText = (code, reason) => `Connection Close Frame (opcode 8) ${code}${reason ? ` ${reason}` : ''}`;

/** A close frame is 2 bytes of code plus the reason's UTF-8. */
export const closeLength = reason => 2 + byteLength(reason);
