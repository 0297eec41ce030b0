module bakehouse/app

go 1.19
