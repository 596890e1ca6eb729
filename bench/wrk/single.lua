-- One Segment track call per request, each with a new messageId.
local counter = 0
local prefix = tostring(os.time()) .. "-" .. tostring(math.random(1, 1000000000))

request = function()
  counter = counter + 1
  local body = string.format(
    '{"messageId":"%s-%d","anonymousId":"visitor-%d","event":"Content Downloaded","properties":{"title":"10 Tips for Improving your Widget ROI","asset":"white paper"},"context":{"page":{"url":"https://widgetworks.example/resources/widget-roi-tips","title":"Widget ROI"},"userAgent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"}}',
    prefix, counter, counter % 20000)
  return wrk.format("POST", "/v1/track", { ["Content-Type"] = "application/json", ["Authorization"] = os.getenv("BATON_BENCH_AUTH") }, body)
end
