/**
 * Storing and querying messages and attachments, and the history REST API. Stores in a transaction and
 * publishes {@link io.pulsechat.message.MessageStored} after commit; never imports the realtime package.
 */
package io.pulsechat.message;
