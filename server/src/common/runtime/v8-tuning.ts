import { setFlagsFromString } from 'node:v8';

/*
 * Imported first by main.ts. V8 starts allocating an allocation site's objects straight in the
 * old generation once enough of them have survived a young collection ("allocation-site
 * pretenuring"). Whether that happens early in a long CSV export is a matter of timing: when it
 * did, every later batch went to the old generation as garbage, and the server's peak memory over
 * a million-row export was 360-375 MB instead of about 185 MB, in about half the runs. What the
 * server allocates per request or batch dies young, so it gains nothing from pretenuring.
 */
setFlagsFromString('--no-allocation-site-pretenuring');
