// The reference point: a bare Fastify hello route, measured in the same run as the product.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
process.send?.({ ready: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
