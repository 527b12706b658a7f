package io.pulsechat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The feature packages are modules with enforced boundaries (Spring Modulith): no cycles, and no module reaches
 * into another's internals. E.g. {@code message} never imports {@code realtime}.
 */
class ModuleStructureTest {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(PulseChatApplication.class).verify();
    }
}
