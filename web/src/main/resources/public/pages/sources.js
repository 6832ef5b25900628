// Banners from the live receiver's alarms: a node went silent, UDP lost datagrams, the disk is filling up.
// The advice is chosen by the alarm's stable code (RCV-..., see ReceiverAlarm.Code), never by its wording:
// the text is for people and may change, the code may not.
import { el, clear } from '../dom.js';

/** Stable alarm code -> how bad it is and what to do. A code not listed gets its text and no advice. */
export const ADVICE = {
  'RCV-SILENT': ['warn', 'Check that syslog is still enabled on that node (MMP: syslog enable) and the network path to this server.'],
  'RCV-UDP-DROPS': ['warn', 'Send syslog over TCP instead of UDP (syslog server add <ip> 5514, TCP), or raise net.core.rmem_max.'],
  'RCV-CONN-REFUSED': ['warn', 'More senders than --max-connections allows: raise it, or look for a sender that reconnects in a loop.'],
  'RCV-JOURNAL-FAILED': ['error', 'Accepted lines may not survive a crash: check the data directory\'s disk (space, permissions, I/O errors).'],
  'RCV-STORE-FAILED': ['error', 'Lines wait in the journal and are replayed once the store works: free disk space or fix the data directory (the receiver retries by itself).'],
  'RCV-RETENTION-FAILED': ['error', 'Old live data is not being deleted: check the data directory\'s permissions and the server log.'],
  'RCV-DISK-FULL': ['error', 'Free disk space or lower --retain-days / --max-disk; the oldest live data goes first.'],
  'RCV-DISK-BUDGET': ['warn', 'Raise --max-disk or lower --retain-days; until then the oldest live data is deleted early.'],
};

export function banners(sources) {
  const box = document.getElementById('banners');
  clear(box);
  if (!sources) return;
  (sources.alarms || []).forEach((alarm, i) => {
    const [level, advice] = ADVICE[alarm.code] || ['warn', null];
    box.append(el('div', { class: 'banner ' + level, id: 'banner-' + i, 'data-code': alarm.code },
      alarm.text, advice ? el('span', { class: 'advice' }, ' — ' + advice) : null));
  });
}
