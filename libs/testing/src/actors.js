"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.newActor = newActor;
const node_crypto_1 = require("node:crypto");
/** An actor as the gateway would pass it, for tests that call a service over the bus directly. */
function newActor(overrides = {}) {
    return { id: overrides.id ?? (0, node_crypto_1.randomUUID)(), roles: overrides.roles ?? ['patient'], level: overrides.level ?? 'basic' };
}
//# sourceMappingURL=actors.js.map