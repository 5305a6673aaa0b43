// The suite lives in Việt Nam's day, as the officials and the server do (Date::Today, the app's
// todayIso: UTC+07:00). Imported first by run.mjs, before any scenario module computes "today",
// and inherited by the browser it launches: from 17:00 UTC the machine's day is yesterday in Việt
// Nam, and a scenario comparing its own "today" with the app's saw two different days.
process.env.TZ = 'Asia/Ho_Chi_Minh';
