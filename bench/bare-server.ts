/** The baseline for HTTP benchmarks: Fastify parsing the same JSON body and doing nothing else. */
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 3901);
const app = Fastify({ bodyLimit: 600 * 1024 });
app.post('/v1/track', async () => ({ success: true }));
app.post('/v1/batch', async () => ({ success: true }));
await app.listen({ port, host: '127.0.0.1' });
