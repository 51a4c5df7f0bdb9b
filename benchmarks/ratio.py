#!/usr/bin/env python3
"""benchmarks/ratio.py DIR A B [ROUNDS]: ratio B/A of JMH throughput, per round (files A-i.json, B-i.json),
mean of round ratios with a 95 % Student interval, and the ratio of pooled means with a 95 % interval
(delta method over the iterations)."""
import json, sys, math, statistics as st
T = {1:12.71,2:4.303,3:3.182,4:2.776,5:2.571,6:2.447,7:2.365,8:2.306,9:2.262,10:2.228}
d, a, b = sys.argv[1:4]
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
def it(name):
    r = json.load(open(f"{d}/{name}.json"))[0]
    return [x for fork in r["primaryMetric"]["rawData"] for x in fork]
ratios=[]; A=[]; B=[]
for i in range(1, rounds+1):
    xa, xb = it(f"{a}-{i}"), it(f"{b}-{i}")
    A += xa; B += xb
    ratios.append(st.mean(xb)/st.mean(xa))
    print(f"round {i}: {a} " + ", ".join(f"{x:,.1f}" for x in xa) + f" | {b} " + ", ".join(f"{x:,.1f}" for x in xb) + f" | {ratios[-1]:.3f}")
m = st.mean(ratios); h = T[len(ratios)-1]*st.stdev(ratios)/math.sqrt(len(ratios))
ma, mb = st.mean(A), st.mean(B); r = mb/ma
hp = 1.96*r*math.sqrt(st.variance(A)/(len(A)*ma*ma) + st.variance(B)/(len(B)*mb*mb))
print(f"{b}/{a}: rounds {m:.3f} ± {h:.3f} [{m-h:.3f}, {m+h:.3f}]; pooled {r:.3f} ± {hp:.3f} [{r-hp:.3f}, {r+hp:.3f}]")
