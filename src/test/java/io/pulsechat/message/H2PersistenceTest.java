package io.pulsechat.message;

import io.pulsechat.ChatServerTest;

/** The storage contract on the embedded default, H2. */
@ChatServerTest
class H2PersistenceTest extends PersistenceContract {
}
