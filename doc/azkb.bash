# bash completion for azkb.  The commands and each command's options are
# read from `azkb help` and `azkb help COMMAND`, the same text as --help, so
# they are never out of date.
_azkb_values='
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
'

_azkb()
{
    local cur prev words cword
    _init_completion 2>/dev/null || {
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    }
    local azkb=${words[0]}

    if [[ $cword -eq 1 ]]; then
        local commands
        commands=$("$azkb" help 2>/dev/null |
            sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
        COMPREPLY=($(compgen -W "$commands help --version" -- "$cur"))
        return
    fi
    local command=${words[1]}
    if [[ $command == help ]]; then
        COMPREPLY=($("$azkb" help 2>/dev/null |
            sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' |
            grep "^$cur"))
        return
    fi
    case $prev in
        -d | --data | --add | -o | --output)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        -*)
            # An option that takes one of a few words lists them in its
            # help line: "table (default), tsv or json", "(turtle, ...)".
            local help values
            help=$("$azkb" help "$command" 2>/dev/null)
            [[ $prev == --* ]] ||
                prev=$(sed -n "s/^  $prev, \(--[a-z-]*\)=.*/\1/p" <<<"$help")
            if grep -qE -- "^  (-., )?$prev=(FORMAT|SHAPE|ENGINE) " <<<"$help"; then
                values=$(awk -v opt="$prev" "$_azkb_values" <<<"$help")
                COMPREPLY=($(compgen -W "$values" -- "$cur"))
                return
            fi ;;
    esac
    if [[ $cur == -* ]]; then
        local options
        options=$("$azkb" help "$command" 2>/dev/null |
            grep -o -- '--[a-z][a-z-]*' | sort -u)
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _azkb azkb
