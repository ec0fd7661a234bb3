#!/usr/bin/env python3
"""CPU-seconds by process group while `./xorstack bench` runs (docs/BENCHMARKS.md, "CPU per event").

Usage: python3 bench/scripts/cpu_sample.py /path/to/worktree > run.cpu
Once a second it prints the epoch and the cumulative utime+stime of: each process in the benchmark
JVM's tree (the JVM started with -Dxorstack.root=<worktree>), grouped as ailog-service,
metrics-service, gateway, kafka, keycloak, bench, ...; and each local PostgreSQL backend of the
benchmark's databases (pg-<database>, mapped through pg_stat_activity by psql), plus pg-shared for
backends without a database. Difference two lines with cpu_window.py. Linux only (/proc)."""
import os, sys, time, subprocess
HZ = os.sysconf('SC_CLK_TCK')
worktree = sys.argv[1]
def procs():
    out = {}
    for p in os.listdir('/proc'):
        if not p.isdigit(): continue
        try:
            with open(f'/proc/{p}/stat') as f: s = f.read()
            rest = s[s.rindex(')')+2:].split()
            ppid = int(rest[1]); cpu = (int(rest[11]) + int(rest[12])) / HZ
            with open(f'/proc/{p}/cmdline','rb') as f: cmd = f.read().replace(b'\0', b' ').decode(errors='replace')
            comm = s[s.index('(')+1:s.rindex(')')]
            out[int(p)] = (ppid, cpu, cmd, comm)
        except Exception: pass
    return out
def classify(cmd):
    for name in ('ailog-service','metrics-service','feedback-service','auth-service','gateway'):
        if f'{name}-' in cmd and '-exec.jar' in cmd: return name
    if 'kafka' in cmd.lower() and 'log4j2' in cmd: return 'kafka'
    if 'quarkus' in cmd or 'keycloak' in cmd: return 'keycloak'
    if 'bench-' in cmd and 'exec.jar' in cmd: return 'bench'
    return 'other-child'
dbmap = {}; last_db = 0
while True:
    ps = procs()
    bench = [p for p,(pp,c,cmd,comm) in ps.items() if 'bench-' in cmd and 'exec.jar' in cmd and ('xorstack.root='+worktree) in cmd]
    groups = {}
    if bench:
        root = bench[0]; tree = {root}
        changed = True
        while changed:
            changed = False
            for p,(pp,c,cmd,comm) in ps.items():
                if pp in tree and p not in tree: tree.add(p); changed = True
        for p in tree:
            g = classify(ps[p][2]); groups[g] = groups.get(g,0) + ps[p][1]
        if time.time() - last_db > 3:
            try:
                r = subprocess.run(['psql','-h','127.0.0.1','-U','postgres','-At','-c',
                    f"select pid, coalesce(datname,'') from pg_stat_activity"], capture_output=True, text=True, timeout=5)
                for line in r.stdout.splitlines():
                    pid, db = line.split('|'); dbmap[int(pid)] = db
            except Exception: pass
            last_db = time.time()
        tag = f'_bench_{root}'
        for p,(pp,c,cmd,comm) in ps.items():
            if comm == 'postgres' or cmd.startswith('postgres'):
                db = dbmap.get(p)
                if db and db.endswith(tag): g = 'pg-' + db[:-len(tag)]
                elif db is None or db == '': g = 'pg-shared'   # background processes and unknown
                else: continue
                groups[g] = groups.get(g,0) + c
    print(f"{time.time():.1f} " + " ".join(f"{k}={v:.2f}" for k,v in sorted(groups.items())), flush=True)
    time.sleep(1)
