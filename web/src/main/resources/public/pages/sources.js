// Banners from the live receiver's alarms: a node went silent, UDP lost datagrams, the disk is filling up.
import { el, clear } from '../dom.js';

const ADVICE = [
  [/silent/i, 'Check that syslog is still enabled on that node (MMP: syslog enable) and the network path to this server.'],
  [/lost|drop/i, 'Send syslog over TCP instead of UDP (syslog server add <ip> 5514, TCP), or raise net.core.rmem_max.'],
  [/disk|space|retention/i, 'Free disk space or lower --retain-days / --max-disk; the oldest live data goes first.'],
];

export function banners(sources) {
  const box = document.getElementById('banners');
  clear(box);
  if (!sources) return;
  (sources.alarms || []).forEach((alarm, i) => {
    const advice = ADVICE.find(([re]) => re.test(alarm));
    box.append(el('div', { class: 'banner ' + (/disk|space/i.test(alarm) ? 'error' : 'warn'), id: 'banner-' + i },
      alarm, advice ? el('span', { class: 'advice' }, ' — ' + advice[1]) : null));
  });
}
