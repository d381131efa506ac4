# result(FILE, KEY): the value of the line "# result KEY = v" that
# silentalign writes into a data file's header (read, not computed).
result(file, key) = real(system(sprintf("sed -n 's/^# result %s = \\([^ ]*\\).*/\\1/p' '%s' | head -n 1", key, file)))
