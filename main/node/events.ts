import { EventEmitter } from 'node:events';
import type { EventName, EventPayloads } from '../../preload/contract';

/** Typed events from the services to whichever host shows them (Electron window, browser host, CLI). */
export class LanternEvents {
  private readonly emitter = new EventEmitter();

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    this.emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
