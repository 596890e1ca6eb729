import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { downloadRoutes } from './download-routes';
import { offerRoutes } from './offer-routes';

export { type AssetStorage, localDiskStorage } from './asset-storage';
export { hostedWriteKeyOf } from './content-settings';
export { createDownloadLink, type DownloadLinkInput } from './download-links';
export { type AssetView, assetStorageOf, getAsset, getAssetOrNull, listAssets, uploadAsset } from './manage-assets';
export { type AssetKind, assetKinds } from './schema';

/** Content offers: uploaded files, gated or open, delivered through signed, expiring links. */
export function offersModule(ctx: AppContext): BatonModule {
  return { name: 'offers', routes: [offerRoutes(ctx), downloadRoutes(ctx)] };
}
