package io.pulsechat.bench;

/**
 * The sizes of every scenario. {@link #full()} is the run of record (about 15 minutes on 2 cores); {@link #smoke()}
 * is the few-second run of the test suite, which only proves the tool works.
 *
 * @param users Pulse accounts the connections are spread over
 * @param ladder idle connections held at each step of the idle ladder
 * @param handshakes connections opened in the handshake scenario, {@code handshakeConcurrency} at a time
 * @param roomSize members of the fan-out room; {@code rates} messages per second into it, {@code rateSeconds} each
 * @param mixConnections connections of the chat mix, in rooms of {@code mixRoomSize}, each room getting
 *        {@code mixPerRoomRate} messages per second for {@code mixSeconds}
 * @param slowRoomSize the slow-reader room; {@code slowReaders} of its members never read; {@code slowRate} msg/s
 *        for {@code slowSeconds}, once without and once with them not reading
 * @param durableSenders senders, each alone in its own room, at the total {@code durableRates} msg/s
 * @param textLength characters of every message's text
 * @param coldSeconds length of the cold first run at {@code coldRate} into the room; {@code warmupSeconds} of
 *        traffic then warm the JVM before anything is measured
 * @param settleMillis pause after each scenario, so the server finishes closing before the next
 */
record BenchConfig(int users, int[] ladder, int handshakes, int handshakeConcurrency,
                   int roomSize, double[] rates, double rateSeconds,
                   int mixConnections, int mixRoomSize, double mixPerRoomRate, double mixSeconds,
                   int slowRoomSize, int slowReaders, double slowRate, double slowSeconds, int slowReceiveBuffer,
                   int durableSenders, double[] durableRates, double durableSeconds,
                   int textLength, double coldRate, double coldSeconds, double warmupSeconds, long settleMillis) {

    static BenchConfig full() {
        return new BenchConfig(40, new int[] {1_000, 5_000, 10_000, 19_000}, 2_000, 128,
                1_000, new double[] {10, 20, 35, 50, 75, 100, 150}, 10,
                10_000, 10, 1, 30,
                1_000, 10, 20, 20, 8 * 1024,
                500, new double[] {500, 1_000, 2_000, 4_000}, 10,
                80, 20, 10, 20, 1500);
    }

    BenchConfig withLadder(int[] steps) {
        return new BenchConfig(users, steps, handshakes, handshakeConcurrency, roomSize, rates, rateSeconds, mixConnections,
                mixRoomSize, mixPerRoomRate, mixSeconds, slowRoomSize, slowReaders, slowRate, slowSeconds, slowReceiveBuffer,
                durableSenders, durableRates, durableSeconds, textLength, coldRate, coldSeconds, warmupSeconds, settleMillis);
    }

    BenchConfig withWarmup(double seconds) {
        return new BenchConfig(users, ladder, handshakes, handshakeConcurrency, roomSize, rates, rateSeconds, mixConnections,
                mixRoomSize, mixPerRoomRate, mixSeconds, slowRoomSize, slowReaders, slowRate, slowSeconds, slowReceiveBuffer,
                durableSenders, durableRates, durableSeconds, textLength, coldRate, coldSeconds, seconds, settleMillis);
    }

    static BenchConfig smoke() {
        return new BenchConfig(8, new int[] {10, 20}, 20, 8,
                10, new double[] {10, 20}, 1,
                20, 5, 1, 1,
                10, 1, 10, 1, 8 * 1024,
                4, new double[] {20}, 1,
                40, 10, 0.5, 0.5, 200);
    }
}
