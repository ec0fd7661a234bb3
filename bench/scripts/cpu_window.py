"""CPU-seconds per group between two epochs of a cpu_sample.py log, and per event.

Usage: python3 bench/scripts/cpu_window.py run.cpu <from-epoch> <to-epoch> <events>
"""
import sys
f, t0, t1, events = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
rows=[]
for line in open(f):
    parts=line.split()
    try: ts=float(parts[0])
    except: continue
    d={}
    for p in parts[1:]:
        k,v=p.split('='); d[k]=float(v)
    rows.append((ts,d))
def at(t):
    best=None
    for ts,d in rows:
        if ts<=t: best=(ts,d)
    return best
a=at(t0); b=at(t1)
print(f"window {b[0]-a[0]:.1f} s (asked {t1-t0:.1f})")
tot=0
groups=['pg-ailog','pg-metrics','pg-feedback','pg-auth','pg-shared','ailog-service','metrics-service','gateway','kafka','bench','keycloak','auth-service','feedback-service']
for g in groups:
    dv=b[1].get(g,0)-a[1].get(g,0)
    if g.startswith('pg-') and dv<0: dv=float('nan')
    tot+=dv if dv==dv else 0
    print(f"  {g:18s} {dv:7.2f} CPU-s  {1e6*dv/events:7.1f} us/event")
print(f"  {'total':18s} {tot:7.2f} CPU-s  {1e6*tot/events:7.1f} us/event")
