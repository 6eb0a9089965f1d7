# Pairwise precision, recall and F1 of a clustering against the truth.
# awk -F, [-v cross=1] -f pairwise.awk TRUTH.csv CLUSTERS.csv
#   TRUTH.csv: id,entity,source (header line first); CLUSTERS.csv: id,cluster.
# A predicted pair is two records in one cluster; with cross=1 only pairs of records from
# different sources count (a link task run as dedupe). Pairs are counted from group
# sizes, never listed. Prints: predicted true correct precision recall F1.
FNR == 1 { next }
NR == FNR { entity[$1] = $2; source[$1] = $3; next }
{
  e = entity[$1]; s = (cross ? source[$1] : "x"); c = $2
  n_pc[c, s]++; n_tc[e, s]++; n_both[c, e, s]++
  keys_p[c]; keys_t[e]; keys_b[c SUBSEP e]; srcs[s]
}
# Pairs inside one group: all pairs, or (cross) pairs of two different sources.
function count(arr, k,   i, j, total, n) {
  if (!cross) { n = arr[k, "x"] + 0; return n * (n - 1) / 2 }
  total = 0
  for (i = 1; i <= ns; i++) for (j = i + 1; j <= ns; j++) total += (arr[k, sl[i]] + 0) * (arr[k, sl[j]] + 0)
  return total
}
END {
  ns = 0; for (s in srcs) sl[++ns] = s
  pp = 0; tp = 0; tt = 0
  for (c in keys_p) pp += count(n_pc, c)
  for (e in keys_t) tt += count(n_tc, e)
  for (k in keys_b) tp += count(n_both, k)
  p = pp ? tp / pp : 1; r = tt ? tp / tt : 1; f = (p + r) ? 2 * p * r / (p + r) : 0
  printf "%d %d %d %.4f %.4f %.4f\n", pp, tt, tp, p, r, f
}
