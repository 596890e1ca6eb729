-- 100 Segment track events per request, each with a new messageId (nothing is a retry).
local counter = 0
local prefix = tostring(os.time()) .. "-" .. tostring(math.random(1, 1000000000))

request = function()
  local parts = {}
  for i = 1, 100 do
    counter = counter + 1
    parts[i] = string.format(
      '{"type":"track","messageId":"%s-%d","anonymousId":"visitor-%d","event":"Content Downloaded","timestamp":"2026-12-07T10:00:00.000Z","properties":{"title":"10 Tips for Improving your Widget ROI","asset":"white paper","n":%d},"context":{"page":{"url":"https://widgetworks.example/resources/widget-roi-tips","title":"Widget ROI"},"userAgent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"}}',
      prefix, counter, counter % 20000, counter)
  end
  return wrk.format("POST", "/v1/batch", { ["Content-Type"] = "application/json", ["Authorization"] = os.getenv("BATON_BENCH_AUTH") }, '{"batch":[' .. table.concat(parts, ",") .. ']}')
end
