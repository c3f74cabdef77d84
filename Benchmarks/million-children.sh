#!/bin/sh
# Writes to stdout a children.csv of COPIES copies of a county's referrals (CHILDREN.csv, e.g.
# from `hearth generate`): child and group ids made unique, each copy's homes and schools moved
# by up to 0.01 degrees. 20,000 copies of a generated county's 50 referrals make the
# million-children match of the summary table:
#   hearth generate --out county --seed 1
#   sh Benchmarks/million-children.sh county/children.csv 20000 > county/million.csv
#   /usr/bin/time -v hearth match county/million.csv county/households.csv --format csv > match.csv
set -eu
[ $# -eq 2 ] || { echo "usage: million-children.sh CHILDREN.csv COPIES" >&2; exit 2; }
awk -F, -v OFS=, -v copies="$2" 'NR==1{print; next}{row[++n]=$0}
END{for(k=0;k<copies;k++) for(i=1;i<=n;i++){split(row[i],f,",");
  f[1]=sprintf("C%07d",k*n+i); if(f[2]!="") f[2]=f[2]"-"k;
  d=((k*7919)%2001-1000)/100000.0; f[5]=sprintf("%.5f",f[5]+d); f[6]=sprintf("%.5f",f[6]-d);
  if(f[7]!=""){f[7]=sprintf("%.5f",f[7]+d); f[8]=sprintf("%.5f",f[8]-d)}
  line=f[1]; for(j=2;j<=15;j++) line=line OFS f[j]; print line}}' "$1"
