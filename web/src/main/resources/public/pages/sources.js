// Banners from source health: a node went silent, UDP lost datagrams, the disk is filling up.
import { el, clear } from '../dom.js';

export function banners(sources) {
  const box = document.getElementById('banners');
  clear(box);
  if (!sources) return;
  const hosts = sources.hosts || sources.sources || [];
  const silent = hosts.filter((h) => h.silent);
  if (silent.length) {
    box.append(el('div', { class: 'banner warn', id: 'banner-silent' },
      'Silent: ' + silent.map((h) => h.host).join(', ') + ' sent nothing for a while. Check syslog on those nodes (MMP: syslog enable) and the network path.'));
  }
  const drops = (sources.listeners || []).reduce((n, l) => n + (l.drops || 0) + (l.kernelDrops || 0), 0)
    + hosts.reduce((n, h) => n + (h.drops || 0), 0);
  if (drops > 0) {
    box.append(el('div', { class: 'banner warn', id: 'banner-drops' },
      drops.toLocaleString('en') + ' UDP datagrams were dropped. Send syslog over TCP (syslog server add <ip> 5514 with TCP) or raise net.core.rmem_max.'));
  }
  const disk = sources.disk;
  if (disk && (disk.nearlyFull || disk.full)) {
    box.append(el('div', { class: 'banner error', id: 'banner-disk' },
      'The data disk is nearly full' + (disk.freeBytes != null ? ' (' + Math.round(disk.freeBytes / 1048576) + ' MiB free)' : '') + ': the oldest data is being removed and new lines may be refused.'));
  }
}
