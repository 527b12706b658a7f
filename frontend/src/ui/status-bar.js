// The status bar: readyState name, negotiated protocol, round-trip time, the two
// heartbeat counters of the seed (send_heart_time / get_heart_time),
// bufferedAmount and the last close.

import { formatBytes, formatRtt } from './format.js';

export class StatusBar {
  constructor({ state, protocol, rtt, heartbeat, sendCounter, getCounter, buffered, lastClose, t }) {
    this.nodes = { state, protocol, rtt, heartbeat, sendCounter, getCounter, buffered, lastClose };
    this.t = t;
  }

  setState(name) {
    const { state } = this.nodes;
    state.dataset.state = name;
    state.textContent = name;
    document.body.dataset.connState = name;
  }

  setProtocol(protocol) {
    this.nodes.protocol.textContent = protocol || '—';
    this.nodes.protocol.dataset.protocol = protocol || '';
  }

  setRtt(ms) {
    this.nodes.rtt.textContent = formatRtt(ms);
  }

  setCounters({ sendHeartTime, getHeartTime }) {
    const send = Math.floor(Number(sendHeartTime) || 0);
    const get = Math.floor(Number(getHeartTime) || 0);
    this.nodes.sendCounter.textContent = String(send);
    this.nodes.getCounter.textContent = String(get);
    this.nodes.heartbeat.dataset.sendHeartTime = String(send);
    this.nodes.heartbeat.dataset.getHeartTime = String(get);
  }

  setBuffered(bytes) {
    const value = Number(bytes) || 0;
    this.nodes.buffered.textContent = formatBytes(value);
    this.nodes.buffered.dataset.bytes = String(value);
  }

  setLastClose(close) {
    const node = this.nodes.lastClose;
    if (!close || close.code === undefined || close.code === null) {
      node.textContent = '—';
      return;
    }
    const clean = close.wasClean ? this.t('status.clean') : this.t('status.unclean');
    const reason = close.reason ? ` “${close.reason}”` : '';
    node.textContent = `${close.code}${reason} · ${clean}`;
    node.dataset.code = String(close.code);
    node.dataset.wasClean = String(Boolean(close.wasClean));
  }
}
