// Licensed under the MIT License.

using System;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AiOps.Gateway;

/// <summary>Per-request state: the request id, the caller, and the clock that separates gateway time from upstream time.</summary>
internal sealed class GatewayRequest
{
    public const string RequestIdHeader = "x-request-id";
    public const string ProviderHeader = "x-aiops-provider";
    public const string ModelHeader = "x-aiops-model";
    public const string OverheadHeader = "x-aiops-overhead-ms";
    public const string FallbackHeader = "x-aiops-fallback-tried";
    public const string UpstreamRequestIdHeader = "x-aiops-upstream-request-id";

    private readonly TimeProvider _time;
    private readonly long _start;
    private long _upstreamTicks;
    private long _upstreamStart;

    public GatewayRequest(HttpContext context, TimeProvider time)
    {
        Context = context;
        _time = time;
        _start = time.GetTimestamp();
        RequestId = ReadOrCreateRequestId(context.Request.Headers[RequestIdHeader].ToString());
        context.Response.Headers[RequestIdHeader] = RequestId;
    }

    public HttpContext Context { get; }

    public string RequestId { get; }

    public GatewayCaller Caller { get; set; } = GatewayCaller.Anonymous;

    /// <summary>Marks the start of time spent waiting for a provider.</summary>
    public void UpstreamStarted() => _upstreamStart = _time.GetTimestamp();

    /// <summary>Marks the end of time spent waiting for a provider.</summary>
    public void UpstreamStopped()
    {
        if (_upstreamStart != 0)
        {
            _upstreamTicks += _time.GetTimestamp() - _upstreamStart;
            _upstreamStart = 0;
        }
    }

    /// <summary>Gets the time spent in the gateway so far, excluding upstream waits, in milliseconds.</summary>
    public double OverheadMilliseconds()
    {
        long now = _time.GetTimestamp();
        long upstream = _upstreamTicks + (_upstreamStart != 0 ? now - _upstreamStart : 0);
        long gateway = now - _start - upstream;
        return Math.Max(0, gateway * 1000.0 / _time.TimestampFrequency);
    }

    /// <summary>Sets the routing and timing headers; call just before the response starts.</summary>
    public void SetResultHeaders(RouteTarget? target, string? upstreamRequestId, string? fallbackTried)
    {
        IHeaderDictionary headers = Context.Response.Headers;
        if (target is RouteTarget t)
        {
            headers[ProviderHeader] = t.Provider.Value;
            headers[ModelHeader] = t.Model ?? string.Empty;
        }

        if (!string.IsNullOrEmpty(upstreamRequestId))
        {
            headers[UpstreamRequestIdHeader] = upstreamRequestId;
        }

        if (!string.IsNullOrEmpty(fallbackTried))
        {
            headers[FallbackHeader] = fallbackTried;
        }

        headers[OverheadHeader] = OverheadMilliseconds().ToString("0.###", CultureInfo.InvariantCulture);
    }

    private static string ReadOrCreateRequestId(string incoming)
    {
        // Propagate a caller's id when it is a sane token; otherwise make one (never echo arbitrary bytes into headers/logs).
        if (incoming.Length is > 0 and <= 128)
        {
            bool ok = true;
            foreach (char c in incoming)
            {
                if (c is < '!' or > '~')
                {
                    ok = false;
                    break;
                }
            }

            if (ok)
            {
                return incoming;
            }
        }

        return "aiops-" + Guid.NewGuid().ToString("N");
    }
}
