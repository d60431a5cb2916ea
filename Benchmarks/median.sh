# Sourced by the benchmark scripts. median_ms COMMAND…: runs COMMAND $runs times (stdout discarded) and prints
# the median wall time in ms with the least and the most.
median_ms() {
    local times=()
    for _ in $(seq "$runs"); do
        local t0; t0=$(date +%s%N)
        "$@" >/dev/null
        times+=($(( ($(date +%s%N) - t0) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " ms (min " a[1] ", max " a[NR] ")"}'
}
