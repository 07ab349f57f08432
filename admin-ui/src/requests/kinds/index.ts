import { REQUEST_KINDS } from '@privacy-desk/shared';
import type { RequestKind } from '@privacy-desk/shared';

import type { KindUi } from './kind-ui';

/** Every `kinds/*.tsx` file's default export: adding a kind's file registers it. */
const modules = import.meta.glob<{ default: KindUi }>('./*.tsx', { eager: true });

const byKind = new Map<RequestKind, KindUi>(
  Object.values(modules)
    .map((module) => module.default)
    .filter((ui): ui is KindUi => !!ui?.kind)
    .map((ui) => [ui.kind, ui]),
);

const missing = REQUEST_KINDS.filter((kind) => !byKind.has(kind));
if (missing.length) throw new Error(`No console file for request kinds: ${missing.join(', ')}`);

export function kindUi(kind: RequestKind): KindUi {
  return byKind.get(kind)!;
}
