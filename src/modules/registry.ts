import type { AppContext } from '../core/context';
import { auditModule } from './audit';
import { authModule } from './auth';
import { contactsModule } from './contacts';
import { conversionsModule } from './conversions';
import { ctasModule } from './ctas';
import { dealsModule } from './deals';
import { formsModule } from './forms';
import { importsModule } from './imports';
import { ingestModule } from './ingest';
import { landingPagesModule } from './landing-pages';
import { lifecycleModule } from './lifecycle';
import type { BatonModule } from './module';
import { momentsModule } from './moments';
import { offersModule } from './offers';
import { personasModule } from './personas';
import { pipelineModule } from './pipeline';
import { propertiesModule } from './properties';
import { queueModule } from './queue';
import { reportsModule } from './reports';
import { routingModule } from './routing';
import { salesActivitiesModule } from './sales-activities';
import { scoringModule } from './scoring';
import { talkTrackModule } from './talk-track';
import { teamsModule } from './teams';
import { trackerModule } from './tracker';
import { viewsModule } from './views';
import { webhooksModule } from './webhooks';
import { workspacesModule } from './workspaces';

/** Every domain module Baton runs. A new module adds one line here. */
export function allModules(ctx: AppContext): BatonModule[] {
  return [
    workspacesModule(ctx),
    authModule(ctx),
    teamsModule(ctx),
    contactsModule(ctx),
    lifecycleModule(ctx),
    propertiesModule(ctx),
    salesActivitiesModule(ctx),
    dealsModule(ctx),
    viewsModule(ctx),
    auditModule(ctx),
    reportsModule(ctx),
    ingestModule(ctx),
    pipelineModule(ctx),
    trackerModule(ctx),
    importsModule(ctx),
    scoringModule(ctx),
    personasModule(ctx),
    webhooksModule(ctx),
    routingModule(ctx),
    talkTrackModule(ctx),
    queueModule(ctx),
    momentsModule(ctx),
    offersModule(ctx),
    landingPagesModule(ctx),
    ctasModule(ctx),
    conversionsModule(ctx),
    formsModule(ctx),
  ];
}
