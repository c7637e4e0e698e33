/// The global variables FreeSWITCH's stock `vars.xml` defines that dialplans rely on (`${us-ring}`, `${beep}` …),
/// plus the domain. Operators may override any of them in the dialplan with `set`/`export`.
public enum StockGlobals {
    public static func values(domain: String) -> [String: String] {
        [
            "domain": domain,
            "domain_name": domain,
            "hold_music": "music/hold_loop.wav",
            "us-ring": "%(2000,4000,440,480)",
            "uk-ring": "%(400,200,400,450);%(400,2000,400,450)",
            "fr-ring": "%(1500,3500,440)",
            "de-ring": "%(1000,4000,425)",
            "bong-ring": "v=-7;%(100,0,941.0,1477.0);v=-7;>=2;+=.1;%(1400,0,350,440)",
            "beep": "%(1000,0,640)",
            "sit": "%(274,0,913.8);%(274,0,1370.6);%(380,0,1776.7)",
        ]
    }
}
