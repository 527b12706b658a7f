/**
 * What every feature package may use: the domain exceptions that the web layer turns into RFC 9457 problem+json,
 * and the small rate-limiting and text helpers behind them. Imports nothing of the other packages.
 */
package io.pulsechat.shared;
