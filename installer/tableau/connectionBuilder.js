// Builds the ODBC connection string from the dialog's fields. The token goes
// in as Token (Tableau passes the password field); optional keys only when set.
(function dsbuilder(attr)
{
    var params = {};
    params["Server"] = attr[connectionHelper.attributeServer];
    params["Token"] = attr[connectionHelper.attributePassword];
    var optional = {
        "v-personnel-token": "PersonnelToken",
        "v-default-years": "DefaultYears",
        "v-cache": "Cache",
        "v-cache-ttl": "CacheTTL"
    };
    for (var field in optional)
    {
        if (field in attr && attr[field] != null && attr[field] != "")
        {
            params[optional[field]] = attr[field];
        }
    }

    var extras = {};
    if ("odbc-connect-string-extras" in attr)
    {
        extras = connectionHelper.ParseODBCConnectString(attr["odbc-connect-string-extras"]);
    }
    for (var key in extras)
    {
        params[key] = extras[key];
    }

    var formattedParams = [];
    formattedParams.push(connectionHelper.formatKeyValuePair(driverLocator.keywordDriver, driverLocator.locateDriver(attr)));
    for (var key in params)
    {
        formattedParams.push(connectionHelper.formatKeyValuePair(key, params[key]));
    }
    return formattedParams;
})
