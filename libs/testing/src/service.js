"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startTestService = startTestService;
exports.testBusClient = testBusClient;
const testing_1 = require("@nestjs/testing");
const platform_1 = require("@pacjent/platform");
/**
 * Runs a service in this process exactly as in production (its module, real
 * PostgreSQL schema and migrations, the NATS transport in its queue group),
 * with optional provider overrides such as a FixedClock.
 */
async function startTestService(definition, overrides = []) {
    const config = (0, platform_1.loadConfig)(platform_1.PlatformConfig);
    if (definition.database)
        await (0, platform_1.migrateDatabase)(config.DATABASE_URL, definition.database);
    let builder = testing_1.Test.createTestingModule({ imports: [definition.module] });
    for (const override of overrides) {
        builder = builder.overrideProvider(override.provide).useValue(override.useValue);
    }
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestMicroservice((0, platform_1.microserviceOptions)(config, definition.name));
    (0, platform_1.configureMicroservice)(app);
    await app.listen();
    return app;
}
/** A bus client for tests, as the gateway would use it. Close it in afterAll. */
function testBusClient(timeoutMs = 5000) {
    const config = (0, platform_1.loadConfig)(platform_1.PlatformConfig);
    return platform_1.BusClient.connect({ url: config.NATS_URL, name: 'test-client', timeoutMs });
}
//# sourceMappingURL=service.js.map