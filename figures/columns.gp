# columns.gp: read a data file's columns by the names of its "# columns:"
# line, never by number (gnuplot's counterpart of figures/columns.awk).
# After  load styledir.'/columns.gp'
#   col(FILE, NAME)  is the number of the column NAME of FILE, for `using`
#                    (e.g. `using col(F, 'step'):col(F, 'k_norm')`); it runs
#                    awk once, so compute it once per file, not per point.
# A name the file does not declare stops gnuplot ("Non-numeric string")
# after "columns.gp: no column NAME in FILE" on stderr.
col(file, name) = int(system(sprintf("awk -v n='%s' '/^# columns:/ { for (i = 3; i <= NF; i++) if ($i == n) { print i - 2; found = 1; exit } } END { if (!found) print \"columns.gp: no column \" n \" in \" FILENAME > \"/dev/stderr\" }' '%s'", name, file)))
