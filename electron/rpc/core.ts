import type { MethodName } from '../../shared/contract';
import type { CoreEvent } from '../../shared/contract';
import { SessionManager, type SessionOptions } from '../identity/session';
import { sessionHandlers, usersHandlers, settingsHandlers } from '../identity/handlers';
import { auditHandlers } from '../audit/handlers';
import { storeHandlers } from '../store/handlers';
import { exchangeHandlers } from '../exchange/handlers';
import { casesHandlers } from '../cases/handlers';
import { workplansHandlers } from '../workplans/handlers';
import { reportsHandlers } from '../reports/handlers';
import { fillDemoWorkspace } from '../cases/demo';
import { Dispatcher } from './dispatcher';
import { productionRegistry } from './recordTypes';
import type { Handlers } from './types';

export const handlers: Handlers<MethodName> = {
  ...sessionHandlers,
  ...usersHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...storeHandlers,
  ...exchangeHandlers,
  ...casesHandlers,
  ...workplansHandlers,
  ...reportsHandlers,
};

export type Core = { session: SessionManager; dispatcher: Dispatcher };

/** One core per workspace folder: session + dispatcher over every feature's handlers. */
export function createCore(workspaceDir: string, opts: SessionOptions & { onEvent?: (e: CoreEvent) => void } = {}): Core {
  const session = new SessionManager(workspaceDir, { registry: productionRegistry(), onDemoCreated: fillDemoWorkspace, ...opts });
  return { session, dispatcher: new Dispatcher(session, handlers) };
}
