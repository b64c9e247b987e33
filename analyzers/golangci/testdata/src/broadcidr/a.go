package broadcidr

var allowedIPs = []string{"0.0.0.0/0"} // want `broad-cidr: allowedIPs: 0.0.0.0/0 admits every IPv4 address`
