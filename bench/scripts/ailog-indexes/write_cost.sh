cd "$(dirname "$0")"
A='select 1;'
B='drop index ai_logs_request_model, ai_logs_response_model, ai_logs_input_hash, ai_logs_status; alter table ai_logs drop constraint ai_logs_pkey; create index ai_logs_errors on ai_logs (occurred_at desc, id desc) where status = '"'error'"';'
C="$B drop index ai_log_ids_time;"
D="$B drop index ai_logs_function;"
E='alter table ai_logs drop constraint ai_logs_pkey;'
run() { psql -h 127.0.0.1 -U postgres -d "${DB:-ailogw_idx}" -q -v drops="$2" -f write.sql 2>&1 | awk -v v=$1 '/cpu_before/{b=$2} /cpu_after/{printf "%s %.1f us/row\n", v, ($2-b)*10000/100000} /ERROR/{print}'; }
for r in 1 2; do run A "$A"; run B "$B"; run E "$E"; run C "$C"; run D "$D"; done
