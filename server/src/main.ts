import './common/runtime/v8-tuning.js';
import { createApp } from './bootstrap.js';
import { ConfigError } from './config/app-config.js';

async function main(): Promise<void> {
  const { app, config } = await createApp();
  await app.listen(config.env.PORT, config.env.HOST);
  const url = await app.getUrl();
  console.log(
    `Privacy Desk is serving ${url.replace('[::1]', 'localhost')} (API at /api${config.apiDocsEnabled ? ', docs at /api/docs' : ''})`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Privacy Desk could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
