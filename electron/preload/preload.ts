// The sandboxed preload, bundled to dist/node/preload.cjs (sandboxed preloads must be CommonJS).
// All of it is in exposeBridge.ts; the assignments prove the real module fits the narrow types.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge, type ContextBridgeLike, type IpcRendererLike } from './exposeBridge';

const bridge: ContextBridgeLike = contextBridge;
const ipc: IpcRendererLike = ipcRenderer;
exposeBridge(bridge, ipc);
