#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Full-table convergence benchmark of bgpd with and without vendorguard.

Adapted from the anchor benchmark's orchestration (/work/shared/notes/bench-anchor/run.py,
setup_ns.sh, teardown_ns.sh and conf/, described in /work/shared/notes/anchor-benchmark.md):
same topology (BIRD injector -> router under test -> BIRD monitor, one namespace each), same
measurement method (t0 = BIRD's Established timestamp of inj->rut, 0.5 s polling, light
polling of the kernel FIB and zebra until rut holds N, 8 s wait after bgpd has read its
configuration before the feed starts).  Namespaces are vgb-inj, vgb-rut, vgb-mon.

This is a benchmark: it prints figures and never fails on timing.

  bench.py run N            generate data (cached), set up, measure settings, print, tear down
  bench.py teardown         stop our daemons (pid files) and delete the vgb-* namespaces

Environment:
  VG_MODULE_DIR   directory holding bgpd_vendorguard.so (default /work/main/plugin/bgpd/.libs)
  VGB_WORK        work directory for data, daemon state and results (default /tmp/vgb-fulltable)
  VGB_ORDER       settings to run, in order (default "abc"; e.g. "abccba" for two rounds)
  VGB_VTYSH       vtysh that knows the module's commands (default /work/main/vtysh/build/vtysh)
  VGB_PRE_WAIT    seconds between bgpd having read its config and the feed starting (default 8)
  VGB_ATTRIB      number of most popular pool ASNs given an AS attribution (default 1000; see
                  README.md: bgpd's config read grows superlinearly with the number of lines)
"""
import datetime
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.environ.get('VGB_WORK', '/tmp/vgb-fulltable')
RUN = WORK + '/run'
RUT, INJ, MON = RUN + '/rut', RUN + '/inj', RUN + '/mon'
MODDIR = os.environ.get('VG_MODULE_DIR', '/work/main/plugin/bgpd/.libs')
VTYSH = os.environ.get('VGB_VTYSH', '/work/main/vtysh/build/vtysh')
PRE_WAIT = float(os.environ.get('VGB_PRE_WAIT', '8'))
ORDER = os.environ.get('VGB_ORDER', 'abc')
ATTRIB = int(os.environ.get('VGB_ATTRIB', '1000'))
NS = {'inj': 'vgb-inj', 'rut': 'vgb-rut', 'mon': 'vgb-mon'}
HZ = os.sysconf('SC_CLK_TCK')
POLL = 0.5

SETTINGS = {
    'a': 'bgpd, no module',
    'b': 'bgpd -M vendorguard, monitor (inventory only)',
    'c': 'bgpd -M vendorguard, + ~10% sensitive, demote',
}

# ------------------------------------------------------------------ configs (from the anchor's conf/)
BIRD_INJ = '''log "%(dir)s/bird.log" { info, warning, error, fatal, bug };
router id 10.1.0.1;
timeformat protocol iso long ms;
timeformat base iso long ms;
timeformat log iso long ms;
protocol device {}
protocol static s4 {
  ipv4 { import all; };
  include "%(routes)s";
}
protocol bgp rut {
  disabled;
  local 10.1.0.1 as 65001;
  neighbor 10.1.0.2 as 65002;
  connect delay time 1;
  ipv4 { import none; export all; };
}
'''
BIRD_MON = '''log "%(dir)s/bird.log" { info, warning, error, fatal, bug };
router id 10.2.0.2;
timeformat protocol iso long ms;
timeformat base iso long ms;
timeformat log iso long ms;
protocol device {}
protocol bgp rut {
  disabled;
  local 10.2.0.2 as 65003;
  neighbor 10.2.0.1 as 65002;
  connect delay time 1;
  ipv4 { import all; export none; };
}
'''
ZEBRA_CONF = '''frr defaults traditional
hostname rut
log file %(dir)s/zebra.log informational
!
'''
BGPD_CONF = '''frr defaults traditional
hostname rut
log file %(dir)s/bgpd.log informational
!
%(vg)s
router bgp 65002
 bgp router-id 10.1.0.2
 no bgp ebgp-requires-policy
 neighbor 10.1.0.1 remote-as 65001
 neighbor 10.1.0.1 timers connect 5
 neighbor 10.2.0.2 remote-as 65003
 neighbor 10.2.0.2 timers connect 5
exit
!
'''


# ------------------------------------------------------------------ helpers
def sh(cmd, check=True, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), check=check, capture_output=True, text=True, **kw)


def log(*a):
    print('[%s]' % time.strftime('%H:%M:%S'), *a, flush=True)


def birdc(which, cmd):
    sock = (INJ if which == 'inj' else MON) + '/bird.ctl'
    return sh(['birdcl', '-s', sock, cmd], check=False).stdout


def vtysh(daemon, *cmds, timeout=120):
    args = [VTYSH, '--vty_socket', RUT, '-d', daemon]
    for c in cmds:
        args += ['-c', c]
    try:
        r = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
        return r.stdout
    except subprocess.TimeoutExpired:
        return ''


def vjson(daemon, cmd, timeout=120):
    try:
        return json.loads(vtysh(daemon, cmd, timeout=timeout))
    except Exception:
        return None


def pidof(pidfile):
    try:
        return int(open(pidfile).read().split()[0])
    except Exception:
        return None


def alive(pid):
    return pid is not None and os.path.exists('/proc/%d' % pid)


def cpu(pid):
    """utime+stime of the whole process (all threads) in seconds"""
    try:
        f = open('/proc/%d/stat' % pid).read()
        f = f[f.rindex(')') + 2:].split()
        return (int(f[11]) + int(f[12])) / HZ
    except Exception:
        return None


def status_kb(pid, key):
    try:
        for line in open('/proc/%d/status' % pid):
            if line.startswith(key + ':'):
                return int(line.split()[1])
    except Exception:
        return None


def fib_prefixes(pid):
    """Prefixes in the Main table of the namespace that pid lives in"""
    try:
        txt = open('/proc/%d/net/fib_triestat' % pid).read()
        main = txt.split('Main:')[1].split('Local:')[0]
        return int(re.search(r'Prefixes:\s+(\d+)', main).group(1))
    except Exception:
        return None


def bird_proto(which, proto):
    out = birdc(which, 'show protocols all ' + proto)
    d = {'imported': None, 'since': None}
    m = re.search(r'^%s\s+BGP\s+\S+\s+(\S+)\s+(\S+ \S+)\s+(\S+)' % proto, out, re.M)
    if m:
        d['since'] = m.group(2)
    m = re.search(r'Routes:\s+(\d+) imported,\s+(\d+) exported', out)
    if m:
        d['imported'] = int(m.group(1))
    d['established'] = 'Established' in out
    return d


def bird_ts(s):
    try:
        return datetime.datetime.strptime(s, '%Y-%m-%d %H:%M:%S.%f').timestamp()
    except Exception:
        return None


def wait_for(fn, timeout, step=0.2):
    t0 = time.time()
    while time.time() - t0 < timeout:
        v = fn()
        if v:
            return v
        time.sleep(step)
    return None


def tail(path, n=30):
    try:
        return ''.join(open(path, errors='replace').readlines()[-n:])
    except Exception as e:
        return '(%s)' % e


# ------------------------------------------------------------------ namespaces (anchor setup_ns.sh)
def setup_ns():
    for ns in NS.values():
        sh(['ip', 'netns', 'add', ns])
        sh(['ip', '-n', ns, 'link', 'set', 'lo', 'up'])
    links = [('inj', 'vgb-i-r', '10.1.0.1/30', 'rut', 'vgb-r-i', '10.1.0.2/30'),
             ('rut', 'vgb-r-m', '10.2.0.1/30', 'mon', 'vgb-m-r', '10.2.0.2/30')]
    for a, ia, aa, b, ib, ab in links:
        sh(['ip', 'link', 'add', ia, 'type', 'veth', 'peer', 'name', ib])
        sh(['ip', 'link', 'set', ia, 'netns', NS[a]])
        sh(['ip', 'link', 'set', ib, 'netns', NS[b]])
        sh(['ip', '-n', NS[a], 'addr', 'add', aa, 'dev', ia])
        sh(['ip', '-n', NS[b], 'addr', 'add', ab, 'dev', ib])
        sh(['ip', '-n', NS[a], 'link', 'set', ia, 'up'])
        sh(['ip', '-n', NS[b], 'link', 'set', ib, 'up'])


def teardown():
    """Stop the daemons named by our pid files, then delete only our namespaces."""
    pfs = [RUT + '/bgpd.pid', RUT + '/zebra.pid', INJ + '/bird.pid', MON + '/bird.pid']
    pids = []
    for pf in pfs:
        p = pidof(pf)
        if alive(p):
            try:
                os.kill(p, signal.SIGTERM)
                pids.append(p)
                print('teardown: SIGTERM %d (%s)' % (p, pf))
            except ProcessLookupError:
                pass
    for p in pids:
        if not wait_for(lambda: not alive(p), 15, 0.2):
            try:
                os.kill(p, signal.SIGKILL)
                print('teardown: SIGKILL %d' % p)
            except ProcessLookupError:
                pass
    for pf in pfs:
        try:
            os.unlink(pf)
        except FileNotFoundError:
            pass
    existing = sh(['ip', 'netns', 'list'], check=False).stdout.split()
    for ns in NS.values():
        if ns in existing:
            sh(['ip', 'netns', 'del', ns], check=False)
            print('teardown: deleted netns', ns)


# ------------------------------------------------------------------ BIRD
def start_birds(data, N):
    for d in (INJ, MON):
        os.makedirs(d, exist_ok=True)
    open(INJ + '/bird.conf', 'w').write(BIRD_INJ % {'dir': INJ, 'routes': data + '/routes.conf'})
    open(MON + '/bird.conf', 'w').write(BIRD_MON % {'dir': MON})
    t0 = time.time()
    sh(['ip', 'netns', 'exec', NS['inj'], 'bird', '-c', INJ + '/bird.conf', '-s', INJ + '/bird.ctl',
        '-P', INJ + '/bird.pid'])
    ok = wait_for(lambda: (bird_proto('inj', 's4')['imported'] or 0) >= N, 1200, 0.5)
    if not ok:
        raise RuntimeError('BIRD injector did not load %d routes; log:\n%s' % (N, tail(INJ + '/bird.log')))
    log('BIRD injector holds %d static routes (%.1f s)' % (N, time.time() - t0))
    sh(['ip', 'netns', 'exec', NS['mon'], 'bird', '-c', MON + '/bird.conf', '-s', MON + '/bird.ctl',
        '-P', MON + '/bird.pid'])
    wait_for(lambda: os.path.exists(MON + '/bird.ctl'), 30)


# ------------------------------------------------------------------ rut daemons
def start_rut(data, scen):
    if os.path.exists(RUT):
        shutil.rmtree(RUT)
    os.makedirs(RUT)
    open(RUT + '/zebra.conf', 'w').write(ZEBRA_CONF % {'dir': RUT})
    vg = ''
    if scen in 'bc':
        vg = open(data + '/vg_inventory.conf').read()
    if scen == 'c':
        vg += open(data + '/vg_sensitive.conf').read()
    open(RUT + '/bgpd.conf', 'w').write(BGPD_CONF % {'dir': RUT, 'vg': vg})
    sh(['chown', '-R', 'frr:frr', RUT])
    common = ['--vty_socket', RUT, '-z', RUT + '/zserv.api', '-P', '0']
    sh(['ip', 'netns', 'exec', NS['rut'], '/usr/lib/frr/zebra', '-N', 'vgb-rut', '-d', '-f', RUT + '/zebra.conf',
        '-i', RUT + '/zebra.pid', '-r', '-s', '90000000'] + common)
    wait_for(lambda: os.path.exists(RUT + '/zserv.api'), 30)
    mod = ['-M', 'vendorguard', '--moduledir', MODDIR] if scen in 'bc' else []
    t = time.time()
    sh(['ip', 'netns', 'exec', NS['rut'], '/usr/lib/frr/bgpd', '-N', 'vgb-rut', '-d', '-f', RUT + '/bgpd.conf',
        '-i', RUT + '/bgpd.pid'] + mod + common)
    bpid = pidof(RUT + '/bgpd.pid')
    # bgpd reads its config in one event after daemonizing: the first vty answer means it is read
    ok = wait_for(lambda: vjson('bgpd', 'show bgp summary json', timeout=5) is not None, 300, 0.2)
    cfg_s = time.time() - t
    if not ok:
        raise RuntimeError('bgpd did not answer within 300 s (config read; %s lines; bgpd CPU %s s); log:\n%s'
                           % (open(RUT + '/bgpd.conf').read().count('\n'), cpu(bpid), tail(RUT + '/bgpd.log')))
    return pidof(RUT + '/zebra.pid'), bpid, cfg_s


def stop_rut(zpid, bpid):
    for p in (zpid, bpid):
        if alive(p):
            try:
                os.kill(p, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for p in (zpid, bpid):
        if alive(p) and not wait_for(lambda: not alive(p), 30, 0.5):
            log('SIGKILL', p)
            os.kill(p, signal.SIGKILL)
    birdc('inj', 'disable rut')
    birdc('mon', 'disable rut')
    sh(['ip', '-n', NS['rut'], 'nexthop', 'flush'], check=False)   # zebra 8.4 uses nexthop objects
    left = sh('ip -n %s route show proto 186 | wc -l' % NS['rut'], check=False).stdout.strip()
    if left != '0':
        log('warning: %s kernel bgp routes left in %s' % (left, NS['rut']))


def summary_peers(j):
    if j is None:
        return {}
    if 'ipv4Unicast' in j:
        j = j['ipv4Unicast']
    return j.get('peers', {})


def vg_show():
    return vjson('bgpd', 'show bgp vendor-guard json', timeout=60)


# ------------------------------------------------------------------ one measured setting
def do_run(data, st, scen, tag):
    N = st['N']
    timeout = max(180, N * 6e-4)
    birdc('inj', 'disable rut')
    birdc('mon', 'disable rut')
    zpid, bpid, cfg_s = start_rut(data, scen)
    res = dict(tag=tag, scen=scen, N=N, config_read_s=round(cfg_s, 2),
               config_lines=open(RUT + '/bgpd.conf').read().count('vendor-guard '),
               bgpd_cpu_config_s=cpu(bpid), bgpd_rss_after_config_mib=round((status_kb(bpid, 'VmRSS') or 0) / 1024))
    log('%s: bgpd answered %.1f s after start (config read), bgpd CPU so far %.2f s' % (tag, cfg_s, res['bgpd_cpu_config_s']))
    if scen in 'bc':
        v = vg_show()
        res['vg_vendors_loaded'] = len((v or {}).get('vendors', {}))
    t_cfg = time.time()
    fib_base = fib_prefixes(zpid)
    birdc('mon', 'enable rut')
    ok = wait_for(lambda: summary_peers(vjson('bgpd', 'show bgp summary json')).get('10.2.0.2', {}).get('state') == 'Established', 60, 0.3)
    if not ok:
        res['error'] = 'monitor session did not come up'
        stop_rut(zpid, bpid)
        return res
    while time.time() - t_cfg < PRE_WAIT:
        time.sleep(0.2)
    ipid, mpid = pidof(INJ + '/bird.pid'), pidof(MON + '/bird.pid')
    c0 = {k: cpu(p) for k, p in (('bgpd', bpid), ('zebra', zpid), ('bird_inj', ipid), ('bird_mon', mpid))}
    t_enable = time.time()
    birdc('inj', 'enable rut')
    ms = {}
    lastk = lastz = 0.0
    zfib = None
    series = []
    while time.time() - t_enable < timeout:
        tl = time.time()
        if not alive(bpid):
            break
        peers = summary_peers(vjson('bgpd', 'show bgp summary json'))
        t_r = time.time()
        pi, pm = peers.get('10.1.0.1', {}), peers.get('10.2.0.2', {})
        if pi.get('state') == 'Established':
            ms.setdefault('rut_sees_est', t_r)
        rcvd, sent = pi.get('pfxRcd'), pm.get('pfxSnt')
        if rcvd is not None and rcvd >= N:
            ms.setdefault('rut_rcvd_all', t_r)
        mon = bird_proto('mon', 'rut')
        if mon['imported'] is not None and mon['imported'] >= N:
            ms.setdefault('mon_all', time.time())
        kf = None
        if 'rut_rcvd_all' in ms or time.time() - lastk >= 2.0:
            kf = fib_prefixes(zpid)
            lastk = time.time()
            if kf is not None and fib_base is not None and kf - fib_base >= N:
                ms.setdefault('kernel_fib_all', lastk)
        if time.time() - lastz >= (0.5 if 'rut_rcvd_all' in ms else 2.0):
            lastz = time.time()
            zj = vjson('zebra', 'show ip route summary json')
            for r in (zj or {}).get('routes', []):
                if r.get('type') in ('ebgp', 'bgp'):
                    zfib = r.get('fib')
            if zfib is not None and zfib >= N:
                ms.setdefault('zebra_fib_all', time.time())
        series.append([round(tl - t_enable, 3), rcvd, sent, mon['imported'], kf, zfib, cpu(bpid), cpu(zpid),
                       round(t_r - tl, 3)])
        if all(k in ms for k in ('mon_all', 'rut_rcvd_all', 'kernel_fib_all', 'zebra_fib_all')):
            break
        dt = POLL - (time.time() - tl)
        if dt > 0:
            time.sleep(dt)
    c1 = {k: cpu(p) for k, p in (('bgpd', bpid), ('zebra', zpid), ('bird_inj', ipid), ('bird_mon', mpid))}
    injp = bird_proto('inj', 'rut')
    t0 = (bird_ts(injp['since']) if injp['established'] else None) or ms.get('rut_sees_est')
    res['complete'] = all(k in ms for k in ('mon_all', 'rut_rcvd_all', 'kernel_fib_all', 'zebra_fib_all'))
    res['bgpd_alive'] = alive(bpid)
    for k, v in ms.items():
        res['t_' + k] = round(v - t0, 2) if t0 else None
    for k in c0:
        res['cpu_%s_s' % k] = round(c1[k] - c0[k], 2) if (c1[k] is not None and c0[k] is not None) else None
    res['bgpd_VmHWM_mib'] = round((status_kb(bpid, 'VmHWM') or 0) / 1024)
    res['zebra_VmHWM_mib'] = round((status_kb(zpid, 'VmHWM') or 0) / 1024)
    res['max_bgpd_vty_latency_s'] = max((s[-1] for s in series), default=None)
    nj = vjson('bgpd', 'show bgp neighbors 10.1.0.1 json') or {}
    msi = nj.get('10.1.0.1', {}).get('messageStats', {})
    res['inj_updatesRecv'] = msi.get('updatesRecv')
    res['inj_routeRefreshSent'] = msi.get('routeRefreshSent')
    with open('%s/series-%d-%s.csv' % (WORK, N, tag), 'w') as f:
        f.write('t_since_enable,pfxRcd_inj,pfxSnt_mon,mon_imported,kernel_main_prefixes,zebra_bgp_fib,'
                'cpu_bgpd,cpu_zebra,bgpd_vty_latency\n')
        for s in series:
            f.write(','.join('' if x is None else str(x) for x in s) + '\n')
    if not res['bgpd_alive']:
        res['error'] = 'bgpd died during the load'
        res['bgpd_log_tail'] = tail(RUT + '/bgpd.log', 40)
    elif not res['complete']:
        res['error'] = 'did not converge within %d s' % timeout
    if scen in 'bc' and res['bgpd_alive']:
        time.sleep(1)
        v = vg_show() or {}
        res['vg_paths'] = v.get('paths')
        res['vg_counters'] = v.get('counters')
        exp = {'total': N, 'clean': st['vg_clean'], 'tainted': st['vg_tainted'], 'unknown': st['vg_unknown']}
        res['vg_paths_expected'] = exp
        res['vg_paths_match'] = v.get('paths') == exp
    if scen == 'c' and res['bgpd_alive']:
        comp = vjson('bgpd', 'show bgp vendor-guard compliance json', timeout=300)
        res['compliance_states'] = compliance_states(comp)
        res['compliance_expected'] = {'sensitive': st['sensitive'], 'best path clean': st['vg_sens_clean'],
                                      'best path tainted or unknown (demoted)': st['sensitive'] - st['vg_sens_clean']}
        if res['complete']:
            res['reval'] = measure_reval(bpid, zpid, N)
    res['bgpd_log_problems'] = [l.rstrip() for l in open(RUT + '/bgpd.log', errors='replace')
                                if re.search(r'assert|backtrace|SIGSEGV|SIGABRT|crash|memory', l, re.I)][:10] \
        if os.path.exists(RUT + '/bgpd.log') else []
    stop_rut(zpid, bpid)
    return res


def compliance_states(comp):
    """Count prefixes per state in `show bgp vendor-guard compliance json` (shape-tolerant)."""
    counts = {}

    def walk(o):
        if isinstance(o, dict):
            if 'state' in o and isinstance(o['state'], str):
                counts[o['state']] = counts.get(o['state'], 0) + 1
                return
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(comp)
    return counts if comp is not None else None


# ------------------------------------------------------------------ revalidation after flagging a vendor
def timed(*cmds, daemon='bgpd'):
    t = time.time()
    out = vtysh(daemon, *cmds, timeout=300)
    return time.time() - t, out


def lat_stats(xs):
    if not xs:
        return None
    return {'n': len(xs), 'min_ms': round(min(xs) * 1000, 1), 'median_ms': round(statistics.median(xs) * 1000, 1),
            'max_ms': round(max(xs) * 1000, 1)}


def measure_reval(bpid, zpid, N):
    """Flag cisco (the injector's vendor) at run time; every path becomes tainted.

    Completion: paths.tainted == N (the known final value) and counters.pathsEvaluated unchanged
    over 3 consecutive polls at least 1 s apart in total.  The main loop polls `show bgp
    vendor-guard json` and `show version` back to back; each call's wall time (a whole vtysh
    process: connect, command, output) is one response-time sample.
    """
    out = {}
    idle = {'vg': [], 'ver': []}
    for _ in range(10):
        idle['vg'].append(timed('show bgp vendor-guard json')[0])
        idle['ver'].append(timed('show version')[0])
        time.sleep(0.1)
    out['idle_show_vendor_guard_json'] = lat_stats(idle['vg'])
    out['idle_show_version'] = lat_stats(idle['ver'])
    v0 = vg_show() or {}
    c0 = v0.get('counters', {})
    cpu0 = cpu(bpid)
    zcpu0 = cpu(zpid)
    t_flag = time.time()
    cfg_lat, cfg_out = timed('configure terminal', 'vendor-guard vendor cisco pen 9 flagged')
    out['config_command_s'] = round(cfg_lat, 3)
    if cfg_out.strip():
        out['config_command_output'] = cfg_out.strip()[:500]
    lat = {'vg': [], 'ver': []}
    series = []
    last_pe, stable_since, t_tainted, t_done = None, None, None, None
    stable_n = 0
    while time.time() - t_flag < 600:
        if not alive(bpid):
            out['error'] = 'bgpd died during revalidation'
            out['bgpd_log_tail'] = tail(RUT + '/bgpd.log', 40)
            return out
        d, txt = timed('show bgp vendor-guard json')
        t_now = time.time()
        lat['vg'].append(d)
        try:
            v = json.loads(txt)
        except Exception:
            v = {}
        d2, _ = timed('show version')
        lat['ver'].append(d2)
        tainted = v.get('paths', {}).get('tainted')
        pe = v.get('counters', {}).get('pathsEvaluated')
        series.append((round(t_now - t_flag, 3), tainted, pe, round(d, 3), round(d2, 3)))
        if tainted == N and t_tainted is None:
            t_tainted = t_now
        if pe is not None and pe == last_pe:
            stable_n += 1
        else:
            stable_n, stable_since = 0, t_now
        last_pe = pe
        if t_tainted is not None and stable_n >= 3 and t_now - stable_since >= 1.0:
            t_done = stable_since
            break
        time.sleep(0.1)
    v1 = vg_show() or {}
    c1 = v1.get('counters', {})
    out['completed'] = t_done is not None
    out['t_tainted_reaches_N_s'] = round(t_tainted - t_flag, 2) if t_tainted else None
    out['t_counters_stable_s'] = round(t_done - t_flag, 2) if t_done else None
    out['paths_after'] = v1.get('paths')
    out['pathsEvaluated_delta'] = (c1.get('pathsEvaluated', 0) - c0.get('pathsEvaluated', 0)) if c1 else None
    out['revalidations_delta'] = (c1.get('revalidations', 0) - c0.get('revalidations', 0)) if c1 else None
    out['bgpd_cpu_s'] = round(cpu(bpid) - cpu0, 2)
    out['zebra_cpu_s'] = round(cpu(zpid) - zcpu0, 2)
    out['bgpd_VmHWM_after_mib'] = round((status_kb(bpid, 'VmHWM') or 0) / 1024)
    out['bgpd_VmRSS_after_mib'] = round((status_kb(bpid, 'VmRSS') or 0) / 1024)
    out['during_show_vendor_guard_json'] = lat_stats(lat['vg'])
    out['during_show_version'] = lat_stats(lat['ver'])
    out['polls'] = len(series)
    out['compliance_states_after'] = compliance_states(vjson('bgpd', 'show bgp vendor-guard compliance json',
                                                             timeout=300))
    with open('%s/series-%d-reval.csv' % (WORK, N), 'w') as f:
        f.write('t_since_flag,tainted,pathsEvaluated,lat_show_vg_s,lat_show_version_s\n')
        for s in series:
            f.write(','.join('' if x is None else str(x) for x in s) + '\n')
    return out


# ------------------------------------------------------------------ report
def fmt(x, p=1):
    return '-' if x is None else ('%.*f' % (p, x) if isinstance(x, float) else str(x))


def mean(xs):
    xs = [x for x in xs if x is not None]
    return statistics.mean(xs) if xs else None


def report(N, st, results):
    lines = []
    P = lines.append
    P('')
    P('vendorguard full-table benchmark, N = %d (routes from gen.py seed %d; %d attributed ASNs; '
      '%d sensitive prefixes in %d entries)' % (N, st['seed'], st['attrib_asns'], st['sensitive'], st['sens_entries']))
    P('Times are seconds from BIRD inj->rut Established; CPU and VmHWM are per bgpd run.')
    P('')
    hdr = ('run', 'setting', 'cfg read s', 'mon has N s', 'kernel FIB=N s', 'bgpd CPU s', 'zebra CPU s',
           'bgpd VmHWM MiB', 'UPDATEs rcvd', 'refresh', 'ok')
    P('| ' + ' | '.join(hdr) + ' |')
    P('|' + '---|' * len(hdr))
    for r in results:
        P('| ' + ' | '.join([r['tag'], r['scen'], fmt(r.get('config_read_s')), fmt(r.get('t_mon_all'), 2),
                             fmt(r.get('t_kernel_fib_all'), 2), fmt(r.get('cpu_bgpd_s'), 2),
                             fmt(r.get('cpu_zebra_s'), 2), fmt(r.get('bgpd_VmHWM_mib')),
                             fmt(r.get('inj_updatesRecv')), fmt(r.get('inj_routeRefreshSent')),
                             'yes' if r.get('complete') else ('NO: ' + r.get('error', '?'))]) + ' |')
    P('')
    agg = {}
    for s in 'abc':
        rs = [r for r in results if r['scen'] == s and r.get('complete')]
        if rs:
            agg[s] = {k: mean([r.get(k) for r in rs]) for k in ('t_mon_all', 't_kernel_fib_all', 'cpu_bgpd_s',
                                                                 'bgpd_VmHWM_mib')}
            agg[s]['n'] = len(rs)
    P('Means per setting:')
    for s in 'abc':
        if s in agg:
            a = agg[s]
            P('  (%s) %-48s n=%d  mon %s s  FIB %s s  bgpd CPU %s s  VmHWM %s MiB' % (
                s, SETTINGS[s], a['n'], fmt(a['t_mon_all'], 2), fmt(a['t_kernel_fib_all'], 2),
                fmt(a['cpu_bgpd_s'], 2), fmt(a['bgpd_VmHWM_mib'], 0)))
    ratios = {}
    if 'a' in agg:
        P('')
        P('Ratios of the means (goal tracked by the team: convergence within 1.10x of (a)):')
        for s in 'bc':
            if s in agg:
                rr = {k: (agg[s][k] / agg['a'][k]) if agg['a'][k] else None
                      for k in ('t_mon_all', 't_kernel_fib_all', 'cpu_bgpd_s', 'bgpd_VmHWM_mib')}
                ratios['%s/a' % s] = rr
                P('  (%s)/(a): mon %s  kernel FIB %s  bgpd CPU %s  bgpd VmHWM %s' % (
                    s, fmt(rr['t_mon_all'], 3), fmt(rr['t_kernel_fib_all'], 3), fmt(rr['cpu_bgpd_s'], 3),
                    fmt(rr['bgpd_VmHWM_mib'], 3)))
    P('')
    P('Verdicts after convergence (module counters vs. independent computation in gen.py):')
    for r in results:
        if r['scen'] in 'bc':
            P('  %s: paths %s  expected %s  -> %s' % (r['tag'], json.dumps(r.get('vg_paths')),
                                                      json.dumps(r.get('vg_paths_expected')),
                                                      'match' if r.get('vg_paths_match') else 'MISMATCH'))
        if r['scen'] == 'c':
            P('  %s: compliance states %s; expected %s' % (r['tag'], json.dumps(r.get('compliance_states')),
                                                          json.dumps(r.get('compliance_expected'))))
    for r in results:
        rv = r.get('reval')
        if not rv:
            continue
        P('')
        P('Revalidation in %s after `vendor-guard vendor cisco pen 9 flagged` (all N paths become tainted):' % r['tag'])
        P('  config command returned after %s s; tainted == N after %s s; counters stable from %s s '
          '(completed: %s)' % (fmt(rv.get('config_command_s'), 3), fmt(rv.get('t_tainted_reaches_N_s'), 2),
                               fmt(rv.get('t_counters_stable_s'), 2), rv.get('completed')))
        P('  pathsEvaluated +%s, revalidations +%s, bgpd CPU %s s, zebra CPU %s s, bgpd VmHWM after %s MiB, '
          'paths after %s' % (rv.get('pathsEvaluated_delta'), rv.get('revalidations_delta'), fmt(rv.get('bgpd_cpu_s'), 2),
                              fmt(rv.get('zebra_cpu_s'), 2), rv.get('bgpd_VmHWM_after_mib'),
                              json.dumps(rv.get('paths_after'))))
        P('  compliance states after: %s' % json.dumps(rv.get('compliance_states_after')))
        for k, name in (('show_vendor_guard_json', 'show bgp vendor-guard json'), ('show_version', 'show version')):
            i, d = rv.get('idle_' + k) or {}, rv.get('during_' + k) or {}
            P('  vtysh `%s`: idle min/median/max %s/%s/%s ms (n=%s); during revalidation %s/%s/%s ms (n=%s)' % (
                name, i.get('min_ms'), i.get('median_ms'), i.get('max_ms'), i.get('n'),
                d.get('min_ms'), d.get('median_ms'), d.get('max_ms'), d.get('n')))
        if rv.get('error'):
            P('  ERROR: %s' % rv['error'])
    problems = [r for r in results if r.get('error') or r.get('bgpd_log_problems')]
    if problems:
        P('')
        P('Problems:')
        for r in problems:
            P('  %s: %s %s' % (r['tag'], r.get('error', ''), '; '.join(r.get('bgpd_log_problems') or [])))
            if r.get('bgpd_log_tail'):
                P('    bgpd.log tail:\n' + r['bgpd_log_tail'])
    return '\n'.join(lines), agg, ratios


# ------------------------------------------------------------------ main
def machine():
    try:
        model = [l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')][0]
    except Exception:
        model = '?'
    mem = status = None
    try:
        mem = int([l for l in open('/proc/meminfo') if l.startswith('MemTotal')][0].split()[1]) // 1024
    except Exception:
        pass
    return {'cpus': os.cpu_count(), 'cpu_model': model, 'mem_mib': mem, 'kernel': os.uname().release,
            'loadavg_at_start': open('/proc/loadavg').read().split()[:3]}


def main_run(N):
    if not os.path.exists(MODDIR + '/bgpd_vendorguard.so'):
        sys.exit('no bgpd_vendorguard.so in %s (build with `make -s` at the top, or set VG_MODULE_DIR)' % MODDIR)
    data = '%s/data-%d-k%d' % (WORK, N, ATTRIB)
    if not os.path.exists(data + '/stats.json') or \
            os.path.getmtime(data + '/stats.json') < os.path.getmtime(HERE + '/gen.py'):
        log('generating %d routes into %s' % (N, data))
        sh(['/usr/bin/python3', HERE + '/gen.py', str(N), data, '--attrib', str(ATTRIB)])
    st = json.load(open(data + '/stats.json'))
    mach = machine()
    log('machine: %s' % json.dumps(mach))
    teardown()
    setup_ns()
    start_birds(data, N)
    results = []
    count = {}
    for s in ORDER:
        count[s] = count.get(s, 0) + 1
        tag = '%s%d' % (s, count[s])
        log('--- %s: %s' % (tag, SETTINGS[s]))
        try:
            r = do_run(data, st, s, tag)
        except Exception as e:
            r = {'tag': tag, 'scen': s, 'N': N, 'error': str(e)}
            # a bgpd busy reading its config does not act on SIGTERM (FRR handles signals in
            # its event loop): stop_rut escalates to SIGKILL
            stop_rut(pidof(RUT + '/zebra.pid'), pidof(RUT + '/bgpd.pid'))
        log(json.dumps({k: v for k, v in r.items() if k not in ('bgpd_log_tail',)}))
        results.append(r)
    text, agg, ratios = report(N, st, results)
    print(text, flush=True)
    out = '%s/results-%d-%s.json' % (WORK, N, time.strftime('%Y%m%dT%H%M%S'))
    json.dump({'N': N, 'machine': mach, 'stats': {k: v for k, v in st.items() if k != 'flagged'},
               'results': results, 'means': agg, 'ratios': ratios, 'report': text}, open(out, 'w'), indent=1)
    log('results written to %s' % out)


if __name__ == '__main__':
    if len(sys.argv) >= 2 and sys.argv[1] == 'teardown':
        teardown()
    elif len(sys.argv) >= 3 and sys.argv[1] == 'run':
        main_run(int(sys.argv[2]))
    else:
        sys.exit(__doc__)
