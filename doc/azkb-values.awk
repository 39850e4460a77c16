# The words an option of azkb takes, read off its line in `azkb help
# COMMAND` ("table (default), tsv or json", "... (turtle, ntriples, ...)"):
# awk -v opt=--format -f azkb-values.awk.  Put into the bash and zsh
# completions at build time (doc/meson.build); no single quotes here.
$0 ~ "^  (-., )?" opt "=" {
    line = $0
    sub(/^ +(-., )?--[a-z-]+=[A-Z]+ +/, "", line)
    gsub(/ *\(default[^)]*\)/, "", line)
    if (match(line, /\([^)]*,[^)]*\)/))
        line = substr(line, RSTART + 1, RLENGTH - 2)
    else {
        gsub(/ *\([^)]*\)/, "", line)
        c = index(line, ":"); k = index(line, ","); o = index(line, " or ")
        if (k == 0 || (o > 0 && o < k)) k = o
        if (c > 0 && (k == 0 || c < k)) line = substr(line, c + 1)
        sub(/[;:.].*/, "", line)
    }
    n = split(line, parts, /, *(or )?| or /)
    for (i = 1; i <= n; i++) {
        gsub(/^ +| +$/, "", parts[i])
        if (parts[i] ~ /^[a-z][a-z0-9]*$/) printf "%s ", parts[i]
    }
    exit
}
