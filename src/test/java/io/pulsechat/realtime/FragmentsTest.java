package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FragmentsTest {

    final Fragments fragments = new Fragments();

    @Test
    void aWholeMessageIsPassedOnAsItIs() throws Exception {
        String text = "hello";
        assertThat(fragments.text(text, true, 64)).isSameAs(text);
        ByteBuffer bytes = ByteBuffer.wrap(new byte[10]);
        assertThat(fragments.binary(bytes, true, 64)).isSameAs(bytes);
    }

    @Test
    void partsAreAssembledUntilTheLast() throws Exception {
        assertThat(fragments.text("he", false, 64)).isNull();
        assertThat(fragments.text("ll", false, 64)).isNull();
        assertThat(fragments.text("o", true, 64)).isEqualTo("hello");
        assertThat(fragments.text("next", true, 64)).as("nothing kept from the message before").isEqualTo("next");

        assertThat(fragments.binary(ByteBuffer.wrap(new byte[] {1, 2}), false, 64)).isNull();
        assertThat(fragments.binary(ByteBuffer.wrap(new byte[] {3}), true, 64)).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    }

    @Test
    void theLimitCountsUtf8BytesAcrossParts() throws Exception {
        String emoji = "😀"; // 4 UTF-8 bytes, two UTF-16 units
        assertThat(Fragments.utf8Length(emoji + "é中a")).isEqualTo(4 + 2 + 3 + 1);
        // a part may end between the halves of a pair: still 4 bytes in all
        assertThat(fragments.text(emoji.substring(0, 1), false, 8)).isNull();
        assertThat(fragments.text(emoji.substring(1) + "中", true, 8)).isEqualTo(emoji + "中");

        assertThat(fragments.text("中中", false, 8)).isNull(); // 6 bytes
        assertThatThrownBy(() -> fragments.text("中", true, 8)).isInstanceOf(Fragments.TooBig.class);
        assertThat(fragments.text("ok", true, 8)).as("a new message after the refused one").isEqualTo("ok");
        assertThatThrownBy(() -> fragments.text("x".repeat(9), true, 8)).isInstanceOf(Fragments.TooBig.class);
        assertThat("x".repeat(8).getBytes(StandardCharsets.UTF_8)).hasSize(8);
        assertThat(fragments.text("x".repeat(8), true, 8)).hasSize(8);
    }

    @Test
    void binaryPartsPastTheLimitAreRefused() throws Exception {
        assertThat(fragments.binary(ByteBuffer.wrap(new byte[6]), false, 8)).isNull();
        assertThatThrownBy(() -> fragments.binary(ByteBuffer.wrap(new byte[3]), true, 8)).isInstanceOf(Fragments.TooBig.class);
    }
}
